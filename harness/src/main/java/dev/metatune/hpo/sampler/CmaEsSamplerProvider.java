package dev.metatune.hpo.sampler;

import dev.metatune.hpo.OptionSpec;
import dev.metatune.hpo.Options;
import dev.metatune.hpo.Sampler;
import dev.metatune.hpo.SamplerProvider;
import java.util.List;
import java.util.Map;

/** The {@code cmaes} sampler: {@link CmaEsSampler}. */
public final class CmaEsSamplerProvider implements SamplerProvider {

    private static final List<OptionSpec> OPTIONS = List.of(
            new OptionSpec("sigma0", "number > 0", "initial step size on the unit cube (default 1/6)"),
            new OptionSpec("popsize", "integer >= 0", "population size; 0 for 4 + 3 ln(dimensions) (default 0)"));

    @Override
    public String name() {
        return "cmaes";
    }

    @Override
    public String description() {
        return "CMA-ES (Hansen 2016) over numerical parameters";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public Sampler create(long seed, Map<String, ?> options) {
        Options o = new Options("sampler 'cmaes'", options, OPTIONS);
        return new CmaEsSampler(seed, o.getDouble("sigma0", 1.0 / 6), o.getInt("popsize", 0));
    }
}
