package dev.metatune.hpo.sampler;

import dev.metatune.hpo.OptionSpec;
import dev.metatune.hpo.Options;
import dev.metatune.hpo.Sampler;
import dev.metatune.hpo.SamplerProvider;
import java.util.List;
import java.util.Map;

/** The {@code random} sampler: {@link RandomSampler}. */
public final class RandomSamplerProvider implements SamplerProvider {

    private static final List<OptionSpec> OPTIONS = List.of();

    @Override
    public String name() {
        return "random";
    }

    @Override
    public String description() {
        return "independent uniform sampling (Bergstra and Bengio 2012)";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public Sampler create(long seed, Map<String, ?> options) {
        new Options("sampler 'random'", options, OPTIONS);
        return new RandomSampler(seed);
    }
}
