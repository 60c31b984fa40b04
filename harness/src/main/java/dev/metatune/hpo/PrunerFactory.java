package dev.metatune.hpo;

import dev.metatune.hpo.pruner.HyperbandPruner;
import dev.metatune.hpo.pruner.MedianPruner;
import dev.metatune.hpo.pruner.NopPruner;
import dev.metatune.hpo.pruner.PercentilePruner;
import dev.metatune.hpo.pruner.SuccessiveHalvingPruner;
import dev.metatune.hpo.pruner.WilcoxonPruner;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pruners by name: {@code nop}, {@code median}, {@code percentile}, {@code asha},
 * {@code hyperband}, {@code wilcoxon}, each built from a seed and a map of options (Optuna's option
 * names and defaults); an unknown name or option is an {@link IllegalArgumentException} listing the
 * known ones.
 */
public final class PrunerFactory {

    /** One registered pruner: its name, one line of description, its options. */
    public record Entry(String name, String description, Set<String> options) {
    }

    private static final Set<String> PERCENTILE = Set.of("n_startup_trials", "n_warmup_steps", "interval_steps", "n_min_trials");

    private static final List<Entry> ENTRIES = List.of(
            new Entry("nop", "never prunes", Set.of()),
            new Entry("median", "median stopping rule (Golovin et al. 2017)", PERCENTILE),
            new Entry("percentile", "prunes below a percentile of the other trials at the same step",
                    Set.of("percentile", "n_startup_trials", "n_warmup_steps", "interval_steps", "n_min_trials")),
            new Entry("asha", "asynchronous successive halving (Li et al. 2020)",
                    Set.of("min_resource", "reduction_factor", "min_early_stopping_rate", "bootstrap_count")),
            new Entry("hyperband", "Hyperband over successive-halving brackets (Li et al. 2018)",
                    Set.of("min_resource", "max_resource", "reduction_factor")),
            new Entry("wilcoxon", "Wilcoxon signed-rank test against the best trial's per-instance values",
                    Set.of("p_threshold", "n_startup_steps")));

    private PrunerFactory() {
    }

    public static List<Entry> entries() {
        return ENTRIES;
    }

    public static List<String> names() {
        return ENTRIES.stream().map(Entry::name).toList();
    }

    /** The pruner named {@code name}; {@code seed} assigns Hyperband's brackets. */
    public static Pruner create(String name, long seed, Map<String, ?> options) {
        Entry entry = ENTRIES.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown pruner '" + name + "'; known: " + String.join(", ", names())));
        Options o = new Options("pruner '" + name + "'", options, entry.options());
        switch (name) {
            case "nop":
                return new NopPruner();
            case "median":
                return new MedianPruner(o.getInt("n_startup_trials", 5), o.getLong("n_warmup_steps", 0),
                        o.getLong("interval_steps", 1), o.getInt("n_min_trials", 1));
            case "percentile":
                if (o.get("percentile") == null) {
                    throw new IllegalArgumentException("pruner 'percentile' needs option percentile (0-100)");
                }
                return new PercentilePruner(o.getDouble("percentile", 50), o.getInt("n_startup_trials", 5),
                        o.getLong("n_warmup_steps", 0), o.getLong("interval_steps", 1), o.getInt("n_min_trials", 1));
            case "asha":
                return new SuccessiveHalvingPruner(o.getLong("min_resource", 1), o.getInt("reduction_factor", 4),
                        o.getInt("min_early_stopping_rate", 0), o.getInt("bootstrap_count", 0));
            case "hyperband":
                return new HyperbandPruner(o.getLong("min_resource", 1), o.getLong("max_resource", 100),
                        o.getInt("reduction_factor", 3), seed);
            case "wilcoxon":
                return new WilcoxonPruner(o.getDouble("p_threshold", 0.1), o.getInt("n_startup_steps", 2));
            default:
                throw new IllegalStateException("pruner '" + name + "' is listed but not built");
        }
    }
}
