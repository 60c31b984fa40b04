package dev.metatune.hpo.pruner;

import dev.metatune.hpo.OptionSpec;
import dev.metatune.hpo.Options;
import dev.metatune.hpo.Pruner;
import dev.metatune.hpo.PrunerProvider;
import java.util.List;
import java.util.Map;

/** The {@code asha} pruner: {@link SuccessiveHalvingPruner}, with Optuna's option names and defaults. */
public final class AshaPrunerProvider implements PrunerProvider {

    private static final List<OptionSpec> OPTIONS = List.of(
            new OptionSpec("min_resource", "integer >= 1", "steps of the first rung (default 1)"),
            new OptionSpec("reduction_factor", "integer >= 2", "one in this many trials is promoted to the next rung (default 4)"),
            new OptionSpec("min_early_stopping_rate", "integer >= 0", "rungs skipped at the bottom (default 0)"),
            new OptionSpec("bootstrap_count", "integer >= 0", "trials a rung needs before promoting (default 0)"));

    @Override
    public String name() {
        return "asha";
    }

    @Override
    public String description() {
        return "asynchronous successive halving (Li et al. 2020)";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public Pruner create(long seed, Map<String, ?> options) {
        Options o = new Options("pruner 'asha'", options, OPTIONS);
        return new SuccessiveHalvingPruner(o.getLong("min_resource", 1), o.getInt("reduction_factor", 4),
                o.getInt("min_early_stopping_rate", 0), o.getInt("bootstrap_count", 0));
    }
}
