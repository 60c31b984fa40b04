package dev.metatune.suite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Turns the top-level mapping of a suite file into a {@link Suite}, checking every value. */
final class SuiteParser {

    static final Set<String> KEYS = Set.of("name", "description", "seed", "datasets", "settings", "algorithms",
            "sampler", "pruner", "trials", "budget", "test_episodes", "test_queries", "seeds", "storage", "device");
    static final Set<String> SAMPLER_KEYS = Set.of("name", "seed", "options");
    static final Set<String> PRUNER_KEYS = Set.of("name", "options");
    private static final String GRID = "grid";
    private static final String GRID_SPACE = "search_space";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern DEVICE = Pattern.compile("cpu|gpu\\d{0,3}");

    private final SuiteCatalog catalog;
    private final PluginCheck samplerCheck;
    private final PluginCheck prunerCheck;

    SuiteParser(SuiteCatalog catalog, PluginCheck samplerCheck, PluginCheck prunerCheck) {
        this.catalog = catalog;
        this.samplerCheck = samplerCheck;
        this.prunerCheck = prunerCheck;
    }

    Suite parse(YamlValue root) {
        YamlMapping m = root.mapping(KEYS);
        YamlValue nameValue = m.require("name");
        String name = nameValue.string();
        if (!NAME.matcher(name).matches()) {
            throw nameValue.invalid("is not a plain name", "letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
        String description = m.get("description").map(YamlValue::string).orElse("");
        long seed = m.get("seed").map(YamlValue::integer).orElse(1L);
        List<DatasetEntry> datasets = new DatasetParser(catalog).parse(m.require("datasets"), m.get("settings"));
        Budget budget = m.get("budget").map(b -> BudgetParser.parse(b, Budget.DEFAULT)).orElse(Budget.DEFAULT);
        int trials = m.get("trials").map(t -> t.intIn(1, 1_000_000, "trials per study")).orElse(Suite.DEFAULT_TRIALS);

        AlgorithmParser algorithmParser = new AlgorithmParser(catalog, datasets, budget, trials);
        List<AlgorithmEntry> algorithms = new ArrayList<>();
        Map<String, YamlValue> labels = new HashMap<>();
        for (YamlValue item : m.require("algorithms").nonEmptySequence("algorithms, each {name: ..., ...}")) {
            AlgorithmEntry entry = algorithmParser.parse(item);
            for (DatasetEntry d : datasets) {
                if (!entry.runsOn(d.name())) {
                    continue;
                }
                YamlValue previous = labels.putIfAbsent(entry.label() + "@" + d.name(), item);
                if (previous != null) {
                    throw item.error("duplicate algorithm entry '" + entry.label() + "' on data set '" + d.name()
                            + "' (first at line " + previous.line() + "); allowed: each algorithm once per data set"
                            + " (split them with 'datasets: [...]'), or a distinct 'label' to run one twice");
                }
            }
            algorithms.add(entry);
        }

        SamplerSpec sampler = m.get("sampler").map(v -> sampler(v, seed)).orElse(new SamplerSpec("tpe", seed, Map.of()));
        m.get("sampler").ifPresent(v -> checkPlugin(v, sampler.name(), catalog.samplers(), catalog.samplerOptions(),
                "sampler"));
        PrunerSpec pruner = m.get("pruner").map(this::pruner).orElse(new PrunerSpec("median", Map.of()));
        m.get("pruner").ifPresent(v -> checkPlugin(v, pruner.name(), catalog.pruners(), catalog.prunerOptions(),
                "pruner"));
        if (sampler.name().equals(GRID)) {
            checkGrid(m.require("sampler"), sampler, algorithms);
        }
        m.get("sampler").ifPresent(v -> build(samplerCheck, v, sampler.name(), sampler.seed(), sampler.options()));
        m.get("pruner").ifPresent(v -> build(prunerCheck, v, pruner.name(), seed, pruner.options()));

        int testEpisodes = m.get("test_episodes").map(t -> t.intIn(1, 1_000_000, "meta-test episodes per evaluation"))
                .orElse(Suite.DEFAULT_TEST_EPISODES);
        int testQueries = m.get("test_queries").map(t -> t.intIn(1, 100_000, "query examples per class in test episodes"))
                .orElse(0);
        List<Long> seeds = m.get("seeds").map(SuiteParser::seeds).orElse(List.of(seed));
        StorageSpec storage = m.get("storage").map(SuiteParser::storage).orElse(new StorageSpec.RunFolder());
        String device = m.get("device").map(v -> {
            String d = v.string();
            if (!DEVICE.matcher(d).matches()) {
                throw v.invalid("is not a device", "cpu, gpu (the first GPU) or gpuN, e.g. gpu1");
            }
            return d;
        }).orElse("cpu");
        Suite suite = new Suite(name, description, seed, datasets, algorithms, sampler, pruner, trials, budget, testEpisodes,
                testQueries, seeds, storage, device);
        checkWarmStarts(suite);
        return suite;
    }

    /**
     * Each {@code warm_start} study of this run: a study of the suite (by its suite name), run before
     * every study of the entry it warms (other than itself), and sharing a searched parameter with it.
     */
    private static void checkWarmStarts(Suite suite) {
        List<StudyPlan> plans = suite.studies();
        List<String> names = plans.stream().map(StudyPlan::studyName).toList();
        for (AlgorithmEntry entry : suite.algorithms()) {
            for (WarmStartReference ref : entry.warmStart()) {
                if (!ref.inThisRun()) {
                    continue;
                }
                int source = names.indexOf(ref.study());
                if (source < 0) {
                    throw ref.error("value '" + ref.study() + "' is not a study of this suite" + Names.suggestion(ref.study(), names)
                            + "; allowed: " + Names.list(names) + ", or {study: NAME, run: RUN_DIR} for another run's");
                }
                StudyPlan from = plans.get(source);
                boolean warmsAny = false;
                for (int i = 0; i < plans.size(); i++) {
                    StudyPlan target = plans.get(i);
                    if (target.algorithm() != entry || i == source) {
                        continue;
                    }
                    warmsAny = true;
                    if (i < source) {
                        throw ref.error("study '" + ref.study() + "' runs after '" + names.get(i) + "', which it would warm;"
                                + " allowed: a study that runs earlier (put its algorithm entry first)");
                    }
                }
                if (!warmsAny) {
                    throw ref.error("value '" + ref.study() + "' is this entry's only study; allowed: an earlier study, a study"
                            + " never warms itself");
                }
                if (from.algorithm().search().keySet().stream().noneMatch(entry.search()::containsKey)) {
                    throw ref.error("study '" + ref.study() + "' searches " + Names.list(from.algorithm().search().keySet())
                            + ", nothing this entry searches; allowed: a study that shares a searched parameter with "
                            + Names.list(entry.search().keySet()));
                }
            }
        }
    }

    private static SamplerSpec sampler(YamlValue v, long suiteSeed) {
        if (v.node() instanceof ScalarNode) {
            return new SamplerSpec(v.string(), suiteSeed, Map.of());
        }
        YamlMapping m = v.mapping(SAMPLER_KEYS);
        return new SamplerSpec(m.require("name").string(), m.get("seed").map(YamlValue::integer).orElse(suiteSeed),
                m.get("options").map(SuiteParser::options).orElse(Map.of()));
    }

    private PrunerSpec pruner(YamlValue v) {
        if (v.node() instanceof ScalarNode) {
            return new PrunerSpec(v.string(), Map.of());
        }
        YamlMapping m = v.mapping(PRUNER_KEYS);
        return new PrunerSpec(m.require("name").string(), m.get("options").map(SuiteParser::options).orElse(Map.of()));
    }

    /** A registered sampler or pruner name, and option names it takes where they are known. */
    private static void checkPlugin(YamlValue v, String name, Set<String> known, Map<String, Set<String>> options,
            String what) {
        if (v.node() instanceof ScalarNode) {
            if (!known.contains(name)) {
                throw v.invalid("is not a registered " + what + Names.suggestion(name, known), Names.list(known));
            }
            return;
        }
        YamlMapping m = v.mapping(Set.of("name", "seed", "options"));
        if (!known.contains(name)) {
            throw m.require("name").invalid("is not a registered " + what + Names.suggestion(name, known),
                    Names.list(known));
        }
        Set<String> allowed = options.get(name);
        if (allowed == null || m.get("options").isEmpty()) {
            return;
        }
        YamlMapping given = m.require("options").openMapping("option names to values");
        for (String key : given.entries().keySet()) {
            if (!allowed.contains(key)) {
                throw given.key(key).error("unknown option '" + key + "' for " + what + " '" + name + "'"
                        + Names.suggestion(key, allowed) + "; allowed: " + Names.list(allowed));
            }
        }
    }

    /** Builds a sampler or pruner to check its option values; its complaint is reported at {@code v}. */
    private static void build(PluginCheck check, YamlValue v, String name, long seed, Map<String, Object> options) {
        try {
            check.check(name, seed, options);
        } catch (IllegalArgumentException e) {
            YamlValue at = v.node() instanceof ScalarNode ? v
                    : v.mapping(Set.of("name", "seed", "options")).get("options").orElse(v);
            throw at.error(e.getMessage() + "; allowed: the options 'metatune list' shows for '" + name + "'");
        }
    }

    /**
     * The grid sampler walks the values of its {@code search_space} option (name -> list of values):
     * it must be given, and name every hyperparameter an entry searches.
     */
    private static void checkGrid(YamlValue samplerValue, SamplerSpec sampler, List<AlgorithmEntry> algorithms) {
        String allowed = "sampler: {name: grid, options: {search_space: {NAME: [values], ...}}} naming every searched"
                + " hyperparameter";
        if (!(sampler.options().get(GRID_SPACE) instanceof Map<?, ?> space)) {
            throw samplerValue.error("sampler 'grid' needs option 'search_space'; allowed: " + allowed);
        }
        YamlValue at = samplerValue.mapping(SAMPLER_KEYS).require("options").openMapping("options").require(GRID_SPACE);
        for (AlgorithmEntry entry : algorithms) {
            for (String name : entry.search().keySet()) {
                if (!space.containsKey(name)) {
                    throw at.error("the grid's search_space lacks '" + name + "', which '" + entry.label()
                            + "' searches; allowed: " + allowed);
                }
            }
        }
    }

    private static Map<String, Object> options(YamlValue v) {
        Map<String, Object> out = new TreeMap<>();
        for (Map.Entry<String, YamlValue> e : v.openMapping("option names to values").entries().entrySet()) {
            out.put(e.getKey(), optionValue(e.getValue(), 0));
        }
        return out;
    }

    /** A scalar, a list of option values or a mapping of names to option values (the grid's search space). */
    private static Object optionValue(YamlValue v, int depth) {
        String allowed = "a number, string or boolean, or a list or mapping of them";
        if (depth > 3) {
            throw v.error("nests too deep; allowed: " + allowed);
        }
        if (v.node() instanceof org.yaml.snakeyaml.nodes.SequenceNode) {
            List<Object> out = new ArrayList<>();
            for (YamlValue item : v.sequence("values")) {
                out.add(optionValue(item, depth + 1));
            }
            return List.copyOf(out);
        }
        if (v.node() instanceof org.yaml.snakeyaml.nodes.MappingNode) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, YamlValue> e : v.openMapping("names to values").entries().entrySet()) {
                out.put(e.getKey(), optionValue(e.getValue(), depth + 1));
            }
            return java.util.Collections.unmodifiableMap(out);
        }
        return v.scalar(allowed);
    }

    private static List<Long> seeds(YamlValue v) {
        List<Long> out = new ArrayList<>();
        for (YamlValue item : v.nonEmptySequence("training seeds")) {
            long s = item.integer();
            if (s < 0) {
                throw item.invalid("is negative", "integers >= 0");
            }
            if (out.contains(s)) {
                throw item.invalid("is listed twice", "distinct seeds");
            }
            out.add(s);
        }
        return out;
    }

    private static StorageSpec storage(YamlValue v) {
        String allowed = "sqlite (a file in the run's folder), memory, sqlite:PATH, PATH.db, jdbc:sqlite:PATH"
                + " or jdbc:postgresql://HOST:PORT/DB";
        Optional<String> text = v.node() instanceof ScalarNode && !v.isNull()
                ? Optional.of(v.scalar(allowed).toString().trim()) : Optional.empty();
        String s = text.orElseThrow(() -> v.invalid("is " + v.kind(), allowed));
        if (s.equals("sqlite")) {
            return new StorageSpec.RunFolder();
        }
        if (s.equals("memory")) {
            return new StorageSpec.Memory();
        }
        String url = s.startsWith("sqlite:") ? "jdbc:" + s : s.endsWith(".db") && !s.contains(":") ? "jdbc:sqlite:" + s : s;
        for (String prefix : StorageSpec.Jdbc.PREFIXES) {
            if (url.startsWith(prefix) && url.length() > prefix.length()) {
                return new StorageSpec.Jdbc(url);
            }
        }
        throw v.invalid("is not a storage", allowed);
    }
}
