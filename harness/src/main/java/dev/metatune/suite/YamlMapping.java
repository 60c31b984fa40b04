package dev.metatune.suite;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A mapping of a suite file, keyed by string, in file order. Built from a YAML mapping node: a
 * key that is not a plain string, a duplicate key, or (when the allowed keys are given) a key that
 * is not allowed is an error at that key, naming the allowed keys and the nearest one. YAML merge
 * keys ({@code <<: *defaults}) are expanded, so entries can share values through anchors.
 */
final class YamlMapping {

    private static final int MAX_MERGE_DEPTH = 8;

    private final YamlValue self;
    private final Map<String, YamlValue> entries;
    private final Map<String, YamlValue> keys;

    YamlMapping(YamlValue self, MappingNode node, Set<String> allowed) {
        this.self = self;
        Map<String, YamlValue> byKey = new LinkedHashMap<>();
        Map<String, YamlValue> keyValues = new LinkedHashMap<>();
        for (NodeTuple tuple : flatten(self, node, 0)) {
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

    /**
     * The tuples of {@code node} with YAML merge keys ({@code <<: *anchor}, {@code <<: [*a, *b]})
     * expanded: keys written in the mapping win over merged ones, earlier merged mappings over later.
     */
    private static List<NodeTuple> flatten(YamlValue self, MappingNode node, int depth) {
        List<NodeTuple> explicit = new ArrayList<>();
        List<NodeTuple> merged = new ArrayList<>();
        for (NodeTuple tuple : node.getValue()) {
            if (!Tag.MERGE.equals(tuple.getKeyNode().getTag())) {
                explicit.add(tuple);
                continue;
            }
            if (depth > MAX_MERGE_DEPTH) {
                throw self.errorAt(tuple.getKeyNode(), "merge keys nest more than " + MAX_MERGE_DEPTH
                        + " deep; allowed: a shallower '<<'");
            }
            Node value = tuple.getValueNode();
            List<Node> sources = value instanceof SequenceNode seq ? seq.getValue() : List.of(value);
            for (Node source : sources) {
                if (!(source instanceof MappingNode m)) {
                    throw self.errorAt(source, "a merge key ('<<') takes a mapping or a list of mappings; allowed: "
                            + "<<: *anchor or <<: [*a, *b]");
                }
                merged.addAll(flatten(self, m, depth + 1));
            }
        }
        Set<String> seen = new HashSet<>();
        for (NodeTuple tuple : explicit) {
            if (tuple.getKeyNode() instanceof ScalarNode k) {
                seen.add(k.getValue());
            }
        }
        List<NodeTuple> out = new ArrayList<>(explicit);
        for (NodeTuple tuple : merged) {
            if (tuple.getKeyNode() instanceof ScalarNode k && seen.add(k.getValue())) {
                out.add(tuple);
            }
        }
        return out;
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
