package dev.metatune.hpo.pruner;

import dev.metatune.hpo.OptionSpec;
import dev.metatune.hpo.Options;
import dev.metatune.hpo.Pruner;
import dev.metatune.hpo.PrunerProvider;
import java.util.List;
import java.util.Map;

/** The {@code wilcoxon} pruner: {@link WilcoxonPruner}, with Optuna's option names and defaults. */
public final class WilcoxonPrunerProvider implements PrunerProvider {

    private static final List<OptionSpec> OPTIONS = List.of(
            new OptionSpec("p_threshold", "number in (0, 1)", "prune when the test says worse at this p-value (default 0.1)"),
            new OptionSpec("n_startup_steps", "integer >= 0", "steps before a trial may be pruned (default 2)"));

    @Override
    public String name() {
        return "wilcoxon";
    }

    @Override
    public String description() {
        return "Wilcoxon signed-rank test against the best trial's per-instance values";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public Pruner create(long seed, Map<String, ?> options) {
        Options o = new Options("pruner 'wilcoxon'", options, OPTIONS);
        return new WilcoxonPruner(o.getDouble("p_threshold", 0.1), o.getInt("n_startup_steps", 2));
    }
}
