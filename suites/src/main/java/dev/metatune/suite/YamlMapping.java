package dev.metatune.suite;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A mapping of a suite file, keyed by string, in file order. Built from a YAML mapping node: a
 * key that is not a plain string, a duplicate key, or (when the allowed keys are given) a key that
 * is not allowed is an error at that key, naming the allowed keys and the nearest one.
 */
final class YamlMapping {

    private final YamlValue self;
    private final Map<String, YamlValue> entries;
    private final Map<String, YamlValue> keys;

    YamlMapping(YamlValue self, MappingNode node, Set<String> allowed) {
        this.self = self;
        Map<String, YamlValue> byKey = new LinkedHashMap<>();
        Map<String, YamlValue> keyValues = new LinkedHashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                throw self.errorAt(tuple.getKeyNode(), "a key is a mapping or a list; allowed: plain names"
                        + (allowed == null ? "" : " among " + Names.list(allowed)));
            }
            String key = keyNode.getValue();
            YamlValue value = self.child(key, tuple.getValueNode());
            YamlValue previous = byKey.get(key);
            if (previous != null) {
                throw value.errorAt(keyNode, "duplicate key '" + key + "' (first given at line "
                        + previous.line() + "); allowed: each key once");
            }
            if (allowed != null && !allowed.contains(key)) {
                throw value.errorAt(keyNode, "unknown key '" + key + "'" + Names.suggestion(key, allowed)
                        + "; allowed: " + Names.list(allowed));
            }
            byKey.put(key, value);
            keyValues.put(key, new YamlValue(self.file(), value.path(), keyNode));
        }
        this.entries = Collections.unmodifiableMap(byKey);
        this.keys = Collections.unmodifiableMap(keyValues);
    }

    /** The mapping itself as a value. */
    YamlValue self() {
        return self;
    }

    /** The entries in file order. */
    Map<String, YamlValue> entries() {
        return entries;
    }

    /** The key itself, located where it is written, with the field path of its value (for errors about the key). */
    YamlValue key(String key) {
        YamlValue k = keys.get(key);
        if (k == null) {
            throw new IllegalArgumentException("no key '" + key + "' in " + self.path());
        }
        return k;
    }

    Optional<YamlValue> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** The value of a required key; its absence is an error at this mapping. */
    YamlValue require(String key) {
        YamlValue v = entries.get(key);
        if (v == null) {
            throw self.error("missing required key '" + key + "'; present: "
                    + (entries.isEmpty() ? "(none)" : String.join(", ", entries.keySet())));
        }
        return v;
    }
}
