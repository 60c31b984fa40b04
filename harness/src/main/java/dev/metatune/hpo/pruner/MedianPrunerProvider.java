package dev.metatune.hpo.pruner;

import dev.metatune.hpo.OptionSpec;
import dev.metatune.hpo.Options;
import dev.metatune.hpo.Pruner;
import dev.metatune.hpo.PrunerProvider;
import java.util.List;
import java.util.Map;

/** The {@code median} pruner: {@link MedianPruner}, with Optuna's option names and defaults. */
public final class MedianPrunerProvider implements PrunerProvider {

    private static final List<OptionSpec> OPTIONS = List.of(
            new OptionSpec("n_startup_trials", "integer >= 0", "trials finished before any is pruned (default 5)"),
            new OptionSpec("n_warmup_steps", "integer >= 0", "steps of a trial before it may be pruned (default 0)"),
            new OptionSpec("interval_steps", "integer >= 1", "prune only at every this many steps (default 1)"),
            new OptionSpec("n_min_trials", "integer >= 1", "trials reporting at a step before comparing there (default 1)"));

    @Override
    public String name() {
        return "median";
    }

    @Override
    public String description() {
        return "median stopping rule (Golovin et al. 2017)";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public Pruner create(long seed, Map<String, ?> options) {
        Options o = new Options("pruner 'median'", options, OPTIONS);
        return new MedianPruner(o.getInt("n_startup_trials", 5), o.getLong("n_warmup_steps", 0),
                o.getLong("interval_steps", 1), o.getInt("n_min_trials", 1));
    }
}
