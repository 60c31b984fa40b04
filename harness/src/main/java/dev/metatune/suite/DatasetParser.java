package dev.metatune.suite;

import dev.metatune.task.TaskKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code datasets:} and the settings each data set runs in: its own {@code settings:}, or
 * else the suite's top-level {@code settings:}. Checks names against the catalog and, where a data
 * set's kind is known, {@code ways} against it (at least 2 for classification, exactly 1 for regression).
 */
final class DatasetParser {

    static final Set<String> KEYS = Set.of("name", "split", "image_size", "download", "fallback", "settings");
    /** The split schemes the runner knows: both mean the data set's train, val and test splits. */
    static final Set<String> SPLIT_SCHEMES = Set.of("standard", "vinyals");
    private static final List<String> STANDARD_SPLITS = List.of("train", "val", "test");
    static final Set<String> SETTING_KEYS = Set.of("ways", "shots", "queries");

    private final SuiteCatalog catalog;

    DatasetParser(SuiteCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * @param list        the {@code datasets:} value
     * @param topSettings the top-level {@code settings:} value, if any
     */
    List<DatasetEntry> parse(YamlValue list, Optional<YamlValue> topSettings) {
        List<DatasetEntry> out = new ArrayList<>();
        Map<String, YamlValue> seen = new HashMap<>();
        boolean topSettingsUsed = false;
        for (YamlValue item : list.nonEmptySequence("data sets, each {name: ..., ...}")) {
            YamlMapping m = item.mapping(KEYS);
            YamlValue nameValue = m.require("name");
            String name = knownDataset(nameValue);
            String split = m.get("split").map(DatasetParser::scheme).orElse("");
            List<String> known = catalog.datasetSplits().get(name);
            if (known != null && !known.containsAll(STANDARD_SPLITS)) {
                throw nameValue.invalid("has no train, val and test splits (it has " + Names.list(known) + ")",
                        "a data set with train, val and test splits");
            }
            String key = name + "/" + split;
            if (seen.containsKey(key)) {
                throw nameValue.invalid("repeats the data set at line " + seen.get(key).line(),
                        "each data set once; list more settings under one entry instead");
            }
            seen.put(key, nameValue);
            int imageSize = m.get("image_size").map(x -> x.intIn(0, 4096, "0 for the data set's default")).orElse(0);
            boolean download = m.get("download").map(YamlValue::bool).orElse(false);
            Optional<String> fallback = m.get("fallback").map(f -> fallback(f, name));
            topSettingsUsed |= m.get("settings").isEmpty();
            YamlValue settingsValue = m.get("settings").or(() -> topSettings).orElseThrow(() -> m.self().error(
                    "missing required key 'settings'; allowed: settings here, or top-level 'settings' for every data set"));
            out.add(new DatasetEntry(name, split, imageSize, download, fallback, settings(settingsValue, name)));
        }
        if (!topSettingsUsed && topSettings.isPresent()) {
            throw topSettings.get().error("applies to no data set: every data set lists its own 'settings'; allowed: "
                    + "top-level 'settings' only for data sets without their own");
        }
        return out;
    }

    private String knownDataset(YamlValue v) {
        String name = v.string();
        if (!catalog.datasets().contains(name)) {
            throw v.invalid("is not a registered data set" + Names.suggestion(name, catalog.datasets()),
                    Names.list(catalog.datasets()));
        }
        return name;
    }

    private static String scheme(YamlValue v) {
        String scheme = v.string();
        if (!SPLIT_SCHEMES.contains(scheme)) {
            throw v.invalid("is not a split scheme" + Names.suggestion(scheme, SPLIT_SCHEMES),
                    Names.list(SPLIT_SCHEMES) + " (both: the data set's train, val and test splits), or leave it out");
        }
        return scheme;
    }

    private String fallback(YamlValue v, String primary) {
        String name = knownDataset(v);
        List<String> splits = catalog.datasetSplits().get(name);
        if (splits != null && !splits.containsAll(STANDARD_SPLITS)) {
            throw v.invalid("lacks the standard splits train, val and test (it has " + Names.list(splits) + ")",
                    "a data set with train, val and test splits");
        }
        if (name.equals(primary)) {
            throw v.invalid("is the data set itself", "another registered data set of the same kind");
        }
        TaskKind a = catalog.datasetKinds().get(primary);
        TaskKind b = catalog.datasetKinds().get(name);
        if (a != null && b != null && a != b) {
            throw v.invalid("is a " + kind(b) + " data set, but '" + primary + "' is " + kind(a),
                    "a data set of the same kind");
        }
        return name;
    }

    private List<Setting> settings(YamlValue list, String dataset) {
        TaskKind kind = catalog.datasetKinds().get(dataset);
        List<Setting> out = new ArrayList<>();
        for (YamlValue item : list.nonEmptySequence("settings, each {ways: N, shots: K, queries: Q}")) {
            YamlMapping m = item.mapping(SETTING_KEYS);
            YamlValue waysValue = m.require("ways");
            int ways = waysValue.intIn(1, 10_000, "classes per episode");
            if ((kind == TaskKind.REGRESSION || kind == TaskKind.REINFORCEMENT) && ways != 1) {
                throw waysValue.invalid("does not fit " + kind(kind) + " data set '" + dataset + "'",
                        "1 for a " + kind(kind) + " data set (give '" + dataset + "' its own 'settings')");
            }
            if (kind == TaskKind.CLASSIFICATION && ways < 2) {
                throw waysValue.invalid("is too few for classification data set '" + dataset + "'",
                        "ways >= 2 for a classification data set");
            }
            int shots = m.require("shots").intIn(1, 100_000, "support examples per class");
            int queries = m.get("queries").map(x -> x.intIn(1, 100_000, "query examples per class"))
                    .orElse(Setting.DEFAULT_QUERIES);
            Setting setting = new Setting(ways, shots, queries);
            int previous = out.indexOf(setting);
            if (previous >= 0) {
                throw item.invalid("repeats " + list.path() + "[" + previous + "] for data set '" + dataset + "'",
                        "each setting once");
            }
            out.add(setting);
        }
        return out;
    }

    static String kind(TaskKind k) {
        return switch (k) {
            case CLASSIFICATION -> "classification";
            case REGRESSION -> "regression";
            case REINFORCEMENT -> "reinforcement-learning";
        };
    }
}
