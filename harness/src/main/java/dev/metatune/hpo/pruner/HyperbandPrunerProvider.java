package dev.metatune.hpo.pruner;

import dev.metatune.hpo.OptionSpec;
import dev.metatune.hpo.Options;
import dev.metatune.hpo.Pruner;
import dev.metatune.hpo.PrunerProvider;
import java.util.List;
import java.util.Map;

/** The {@code hyperband} pruner: {@link HyperbandPruner}; the seed assigns trials to brackets. */
public final class HyperbandPrunerProvider implements PrunerProvider {

    private static final List<OptionSpec> OPTIONS = List.of(
            new OptionSpec("min_resource", "integer >= 1", "steps of the first rung (default 1)"),
            new OptionSpec("max_resource", "integer >= 1", "steps of a full trial (default 100)"),
            new OptionSpec("reduction_factor", "integer >= 2", "one in this many trials is promoted (default 3)"));

    @Override
    public String name() {
        return "hyperband";
    }

    @Override
    public String description() {
        return "Hyperband over successive-halving brackets (Li et al. 2018)";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public Pruner create(long seed, Map<String, ?> options) {
        Options o = new Options("pruner 'hyperband'", options, OPTIONS);
        return new HyperbandPruner(o.getLong("min_resource", 1), o.getLong("max_resource", 100),
                o.getInt("reduction_factor", 3), seed);
    }
}
