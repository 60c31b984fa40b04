package dev.metatune.suite;

import dev.metatune.space.Distribution;
import dev.metatune.learner.HyperparameterSpec;
import dev.metatune.task.TaskKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads one entry of {@code algorithms:}. Where the catalog has the algorithm's schema, the keys
 * of {@code fixed}, {@code search} and {@code enqueue} must be its hyperparameters, with values and
 * search ranges inside the domains it declares, and every data set the entry runs on must be of a
 * kind the algorithm learns. Enqueued values must also lie in the entry's search ranges.
 */
final class AlgorithmParser {

    static final Set<String> KEYS = Set.of("name", "label", "datasets", "fixed", "search", "enqueue", "trials", "budget", "plots",
            "warm_start");
    static final Set<String> WARM_START_KEYS = Set.of("study", "run", "storage");
    static final Set<String> PLOT_KEYS = Set.of("heatmap");
    static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /** The file that marks a run folder (the sweep's {@code RunFolder.RUN_FILE}; the suite layer cannot name it). */
    static final String RUN_FILE = "run.json";

    private final SuiteCatalog catalog;
    private final List<DatasetEntry> datasets;
    private final Budget suiteBudget;
    private final int suiteTrials;

    AlgorithmParser(SuiteCatalog catalog, List<DatasetEntry> datasets, Budget suiteBudget, int suiteTrials) {
        this.catalog = catalog;
        this.datasets = datasets;
        this.suiteBudget = suiteBudget;
        this.suiteTrials = suiteTrials;
    }

    AlgorithmEntry parse(YamlValue item) {
        YamlMapping m = item.mapping(KEYS);
        YamlValue nameValue = m.require("name");
        String name = nameValue.string();
        if (!catalog.algorithms().contains(name)) {
            throw nameValue.invalid("is not a registered algorithm" + Names.suggestion(name, catalog.algorithms()),
                    Names.list(catalog.algorithms()));
        }
        String label = m.get("label").map(v -> {
            String l = v.string();
            if (!LABEL.matcher(l).matches()) {
                throw v.invalid("is not a plain label", "letters, digits, '.', '_' and '-', starting with a letter or digit");
            }
            return l;
        }).orElse(name);
        AlgorithmSchema schema = catalog.schemas().get(name);
        List<String> runsOn = m.get("datasets").map(this::datasetNames).orElse(List.of());
        checkKinds(schema, runsOn, m.get("datasets").orElse(nameValue));

        Map<String, Object> fixed = new TreeMap<>();
        m.get("fixed").ifPresent(f -> {
            YamlMapping fm = f.openMapping("hyperparameter names to values");
            for (Map.Entry<String, YamlValue> e : fm.entries().entrySet()) {
                HyperparameterSpec spec = checkName(schema, name, e.getKey(), fm.key(e.getKey()));
                Object value = e.getValue().scalar("a number, string or boolean");
                if (spec != null) {
                    HyperparameterDomains.checkValue(e.getValue(), spec, value);
                }
                fixed.put(e.getKey(), value);
            }
        });
        Map<String, Distribution> search = new LinkedHashMap<>();
        m.get("search").ifPresent(s -> {
            YamlMapping sm = s.openMapping("hyperparameter names to distributions");
            for (Map.Entry<String, YamlValue> e : sm.entries().entrySet()) {
                HyperparameterSpec spec = checkName(schema, name, e.getKey(), sm.key(e.getKey()));
                if (fixed.containsKey(e.getKey())) {
                    throw sm.key(e.getKey()).error("'" + e.getKey() + "' is also under 'fixed'; allowed: fixed or searched, not both");
                }
                Distribution d = DistributionParser.parse(e.getValue());
                if (spec != null) {
                    HyperparameterDomains.checkRange(e.getValue(), spec, d);
                }
                search.put(e.getKey(), d);
            }
        });
        List<Map<String, Object>> enqueue = m.get("enqueue").map(q -> enqueue(q, schema, search, fixed)).orElse(List.of());
        int trials = m.get("trials").map(t -> t.intIn(1, 1_000_000, "trials per study of this algorithm"))
                .orElse(search.isEmpty() ? 1 : suiteTrials);
        if (enqueue.size() > trials) {
            throw m.require("enqueue").error("has " + enqueue.size() + " configurations but each study of '" + label
                    + "' runs " + trials + (trials == 1 ? " trial" : " trials")
                    + "; allowed: at most as many configurations as trials");
        }
        Budget budget = m.get("budget").map(b -> BudgetParser.parse(b, suiteBudget)).orElse(suiteBudget);
        List<String> heatmap = m.get("plots").map(p -> heatmap(p, search)).orElse(List.of());
        List<WarmStartReference> warmStart = m.get("warm_start").map(AlgorithmParser::warmStart).orElse(List.of());
        return new AlgorithmEntry(label, name, runsOn, fixed, search, enqueue, trials, budget, heatmap, warmStart);
    }

    /**
     * {@code warm_start: [STUDY, {study: STUDY, run: RUN_DIR}, {study: STUDY, storage: URL}, ...]}: a
     * run folder must exist and hold a run; whether a study of this run exists, runs earlier and
     * shares parameters is checked by the suite ({@link SuiteParser}).
     */
    private static List<WarmStartReference> warmStart(YamlValue list) {
        List<WarmStartReference> out = new ArrayList<>();
        for (YamlValue item : list.nonEmptySequence("earlier studies: NAME, {study: NAME, run: RUN_DIR} or"
                + " {study: NAME, storage: URL}")) {
            int line = item.line();
            int column = item.node().getStartMark().getColumn() + 1;
            WarmStartReference ref;
            if (item.node() instanceof org.yaml.snakeyaml.nodes.ScalarNode) {
                ref = new WarmStartReference(item.string(), Optional.empty(), Optional.empty(), item.file(), line, column,
                        item.path());
            } else {
                YamlMapping im = item.mapping(WARM_START_KEYS);
                String study = im.require("study").string();
                Optional<YamlValue> run = im.get("run");
                Optional<YamlValue> storage = im.get("storage");
                if (run.isPresent() && storage.isPresent()) {
                    throw item.error("names both 'run' and 'storage'; allowed: one of them, or neither for a study of this run");
                }
                if (run.isPresent()) {
                    String dir = run.get().string();
                    if (!java.nio.file.Files.isDirectory(java.nio.file.Path.of(dir))) {
                        throw run.get().invalid("is not a folder", "a run folder written by 'metatune run'");
                    }
                    if (!java.nio.file.Files.isRegularFile(java.nio.file.Path.of(dir, RUN_FILE))) {
                        throw run.get().invalid("holds no run (no " + RUN_FILE + ")", "a run folder written by 'metatune run'");
                    }
                }
                ref = new WarmStartReference(study, run.map(YamlValue::string), storage.map(YamlValue::string), item.file(),
                        line, column, item.path());
            }
            if (out.stream().anyMatch(r -> r.study().equals(ref.study()) && r.where().equals(ref.where()))) {
                throw item.invalid("is named twice", "each earlier study once");
            }
            out.add(ref);
        }
        return out;
    }

    /** {@code plots: {heatmap: [x, y]}}: two different numeric searched parameters of this entry. */
    private static List<String> heatmap(YamlValue plots, Map<String, Distribution> search) {
        YamlMapping pm = plots.mapping(PLOT_KEYS);
        Optional<YamlValue> value = pm.get("heatmap");
        if (value.isEmpty()) {
            return List.of();
        }
        List<String> numeric = search.entrySet().stream().filter(e -> e.getValue() instanceof Distribution.FloatRange
                || e.getValue() instanceof Distribution.IntRange).map(Map.Entry::getKey).toList();
        List<YamlValue> items = value.get().nonEmptySequence("two searched numeric parameters, [x, y]");
        if (items.size() != 2) {
            throw value.get().invalid("names " + items.size() + (items.size() == 1 ? " parameter" : " parameters"),
                    "two searched numeric parameters [x, y] of " + Names.list(numeric));
        }
        List<String> out = new ArrayList<>();
        for (YamlValue item : items) {
            String p = item.string();
            if (!numeric.contains(p)) {
                throw item.invalid((search.containsKey(p) ? "is searched but not numeric"
                        : "is not searched by this entry" + Names.suggestion(p, numeric)), "one of " + Names.list(numeric));
            }
            if (out.contains(p)) {
                throw item.invalid("is named twice", "two different parameters");
            }
            out.add(p);
        }
        return out;
    }

    private List<String> datasetNames(YamlValue v) {
        List<String> names = datasets.stream().map(DatasetEntry::name).distinct().toList();
        List<String> out = new ArrayList<>();
        for (YamlValue item : v.nonEmptySequence("data set names of this suite")) {
            String n = item.string();
            if (!names.contains(n)) {
                throw item.invalid("is not one of this suite's data sets" + Names.suggestion(n, names), Names.list(names));
            }
            if (out.contains(n)) {
                throw item.invalid("is listed twice", "each data set once");
            }
            out.add(n);
        }
        return out;
    }

    private void checkKinds(AlgorithmSchema schema, List<String> runsOn, YamlValue where) {
        if (schema == null || schema.kinds().isEmpty()) {
            return;
        }
        for (DatasetEntry d : datasets) {
            TaskKind kind = catalog.datasetKinds().get(d.name());
            if ((runsOn.isEmpty() || runsOn.contains(d.name())) && kind != null && !schema.kinds().contains(kind)) {
                throw where.error("algorithm '" + schema.name() + "' cannot learn " + DatasetParser.kind(kind)
                        + " data set '" + d.name() + "'; allowed: restrict the entry with 'datasets: [...]' to data sets"
                        + " of kind " + schema.kinds().stream().map(DatasetParser::kind).sorted().toList());
            }
        }
    }

    /** The spec of hyperparameter {@code key}, or null when the algorithm's schema is unknown. */
    private static HyperparameterSpec checkName(AlgorithmSchema schema, String algorithm, String key, YamlValue v) {
        if (Budget.KEYS.contains(key)) {
            throw v.error("'" + key + "' is a run budget, not a hyperparameter; allowed: put it under 'budget:'"
                    + " (the suite's, or this algorithm's to override it)");
        }
        if (schema == null) {
            return null;
        }
        Map<String, HyperparameterSpec> specs = schema.byName();
        HyperparameterSpec spec = specs.get(key);
        if (spec == null) {
            throw v.error("'" + key + "' is not a hyperparameter of '" + algorithm + "'"
                    + Names.suggestion(key, specs.keySet()) + "; allowed: " + Names.list(specs.keySet()));
        }
        return spec;
    }

    private static List<Map<String, Object>> enqueue(YamlValue list, AlgorithmSchema schema,
            Map<String, Distribution> search, Map<String, Object> fixed) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (YamlValue item : list.nonEmptySequence("configurations, each {name: value, ...}")) {
            Map<String, Object> config = new TreeMap<>();
            YamlMapping im = item.openMapping("searched hyperparameters to values");
            for (Map.Entry<String, YamlValue> e : im.entries().entrySet()) {
                String key = e.getKey();
                Distribution d = search.get(key);
                if (d == null) {
                    throw im.key(key).error("'" + key + "' is " + (fixed.containsKey(key) ? "fixed, not searched"
                            : "not searched" + Names.suggestion(key, search.keySet()))
                            + "; allowed: searched hyperparameters " + Names.list(search.keySet()));
                }
                Object value = e.getValue().scalar("a number, string or boolean");
                HyperparameterSpec spec = schema == null ? null : schema.byName().get(key);
                if (spec != null) {
                    HyperparameterDomains.checkValue(e.getValue(), spec, value);
                }
                if (!d.contains(value)) {
                    throw e.getValue().invalid("is outside the search of '" + key + "'", describe(d));
                }
                config.put(key, value);
            }
            if (config.isEmpty()) {
                throw item.error("is an empty configuration; allowed: values for some of " + Names.list(search.keySet()));
            }
            int previous = out.indexOf(config);
            if (previous >= 0) {
                throw item.invalid("repeats " + list.path() + "[" + previous + "]", "each configuration once");
            }
            out.add(config);
        }
        return out;
    }

    static String describe(Distribution d) {
        if (d instanceof Distribution.FloatRange f) {
            return "a number in [" + f.low() + ", " + f.high() + "]" + (f.step() > 0 ? " on steps of " + f.step() : "");
        }
        if (d instanceof Distribution.IntRange r) {
            return "an integer in [" + r.low() + ", " + r.high() + "]" + (r.step() > 1 ? " on steps of " + r.step() : "");
        }
        return "one of " + ((Distribution.Categorical) d).choices();
    }
}
