package dev.metatune.hpo.pruner;

import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.Pruner;
import dev.metatune.hpo.Study;

/** Never prunes: every trial runs to the end. */
public final class NopPruner implements Pruner {

    @Override
    public boolean prune(Study study, FrozenTrial trial) {
        return false;
    }
}
