package dev.metatune.hpo.sampler;

import dev.metatune.hpo.OptionSpec;
import dev.metatune.hpo.Options;
import dev.metatune.hpo.Sampler;
import dev.metatune.hpo.SamplerProvider;
import java.util.List;
import java.util.Map;

/** The {@code gp} sampler: {@link GpSampler}, Gaussian-process Bayesian optimisation with expected improvement. */
public final class GpSamplerProvider implements SamplerProvider {

    private static final List<OptionSpec> OPTIONS = List.of(
            new OptionSpec("n_startup_trials", "integer >= 1", "random trials before the model is used (default 10)"),
            new OptionSpec("n_candidates", "integer >= 1",
                    "random points of the unit cube scored by expected improvement per ask (default 2000)"),
            new OptionSpec("restarts", "integer >= 0",
                    "random restarts of the marginal-likelihood maximisation (default 2)"),
            new OptionSpec("max_observations", "integer >= 2",
                    "complete trials the model is fitted to at most: the best half and the most recent (default 200)"));

    @Override
    public String name() {
        return "gp";
    }

    @Override
    public String description() {
        return "Gaussian-process Bayesian optimisation (Matern 5/2, maximum marginal likelihood) with expected improvement";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public Sampler create(long seed, Map<String, ?> options) {
        Options o = new Options("sampler 'gp'", options, OPTIONS);
        GpSampler.Settings d = GpSampler.Settings.defaults();
        return new GpSampler(seed, new GpSampler.Settings(o.getInt("n_startup_trials", d.nStartupTrials()),
                o.getInt("n_candidates", d.nCandidates()), o.getInt("restarts", d.restarts()),
                o.getInt("max_observations", d.maxObservations())));
    }
}
