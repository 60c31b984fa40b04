package dev.metatune.hpo.sampler;

import dev.metatune.hpo.OptionSpec;
import dev.metatune.hpo.Options;
import dev.metatune.hpo.Sampler;
import dev.metatune.hpo.SamplerProvider;
import java.util.List;
import java.util.Map;

/** The {@code sobol} sampler: {@link SobolSampler}. */
public final class SobolSamplerProvider implements SamplerProvider {

    private static final List<OptionSpec> OPTIONS = List.of();

    @Override
    public String name() {
        return "sobol";
    }

    @Override
    public String description() {
        return "scrambled Sobol quasi-random sequence (Commons Math)";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public Sampler create(long seed, Map<String, ?> options) {
        new Options("sampler 'sobol'", options, OPTIONS);
        return new SobolSampler(seed);
    }
}
