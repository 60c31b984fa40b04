package dev.metatune.hpo;

import dev.metatune.hpo.sampler.CmaEsSampler;
import dev.metatune.hpo.sampler.GridSampler;
import dev.metatune.hpo.sampler.RandomSampler;
import dev.metatune.hpo.sampler.SobolSampler;
import dev.metatune.hpo.sampler.TpeSampler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The samplers by name, as suite files and the CLI name them: {@code random}, {@code grid},
 * {@code sobol}, {@code tpe}, {@code cmaes}. Each is built from a seed and a map of options;
 * an unknown name or option is an {@link IllegalArgumentException} listing the known ones.
 */
public final class SamplerFactory {

    /** One registered sampler: its name, one line of description, its options. */
    public record Entry(String name, String description, Set<String> options) {
    }

    private static final List<Entry> ENTRIES = List.of(
            new Entry("random", "independent uniform sampling (Bergstra and Bengio 2012)", Set.of()),
            new Entry("grid", "exhaustive grid, then stops the study (option search_space: name -> values)",
                    Set.of("search_space")),
            new Entry("sobol", "scrambled Sobol quasi-random sequence (Commons Math)", Set.of()),
            new Entry("tpe", "tree-structured Parzen estimator (Bergstra et al. 2011), independent or multivariate",
                    Set.of("n_startup_trials", "n_ei_candidates", "prior_weight", "multivariate", "consider_endpoints")),
            new Entry("cmaes", "CMA-ES (Hansen 2016) over numerical parameters", Set.of("sigma0", "popsize")));

    private SamplerFactory() {
    }

    public static List<Entry> entries() {
        return ENTRIES;
    }

    public static List<String> names() {
        return ENTRIES.stream().map(Entry::name).toList();
    }

    /** The sampler named {@code name}, seeded with {@code seed}, configured by {@code options}. */
    public static Sampler create(String name, long seed, Map<String, ?> options) {
        Entry entry = ENTRIES.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown sampler '" + name + "'; known: " + String.join(", ", names())));
        Options o = new Options("sampler '" + name + "'", options, entry.options());
        switch (name) {
            case "random":
                return new RandomSampler(seed);
            case "grid":
                return new GridSampler(grid(o.get("search_space")), seed);
            case "sobol":
                return new SobolSampler(seed);
            case "tpe":
                TpeSampler.Settings d = TpeSampler.Settings.defaults();
                return new TpeSampler(seed, new TpeSampler.Settings(o.getInt("n_startup_trials", d.nStartupTrials()),
                        o.getInt("n_ei_candidates", d.nEiCandidates()), o.getDouble("prior_weight", d.priorWeight()),
                        o.getBoolean("multivariate", d.multivariate()),
                        o.getBoolean("consider_endpoints", d.considerEndpoints()), d.gamma()));
            case "cmaes":
                return new CmaEsSampler(seed, o.getDouble("sigma0", 1.0 / 6), o.getInt("popsize", 0));
            default:
                throw new IllegalStateException("sampler '" + name + "' is listed but not built");
        }
    }

    private static Map<String, List<Object>> grid(Object spec) {
        if (!(spec instanceof Map<?, ?> m) || m.isEmpty()) {
            throw new IllegalArgumentException("sampler 'grid' needs option search_space: a map from parameter name"
                    + " to a list of values, got " + spec);
        }
        Map<String, List<Object>> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (!(v instanceof List<?> list)) {
                throw new IllegalArgumentException("grid search_space entry '" + k + "' must be a list of values, got " + v);
            }
            out.put(String.valueOf(k), new ArrayList<>(list));
        });
        return out;
    }
}
