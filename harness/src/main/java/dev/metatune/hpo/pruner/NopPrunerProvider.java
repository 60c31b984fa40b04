package dev.metatune.hpo.pruner;

import dev.metatune.hpo.OptionSpec;
import dev.metatune.hpo.Options;
import dev.metatune.hpo.Pruner;
import dev.metatune.hpo.PrunerProvider;
import java.util.List;
import java.util.Map;

/** The {@code nop} pruner: {@link Pruner#NONE}. */
public final class NopPrunerProvider implements PrunerProvider {

    private static final List<OptionSpec> OPTIONS = List.of();

    @Override
    public String name() {
        return "nop";
    }

    @Override
    public String description() {
        return "never prunes";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public Pruner create(long seed, Map<String, ?> options) {
        new Options("pruner 'nop'", options, OPTIONS);
        return Pruner.NONE;
    }
}
