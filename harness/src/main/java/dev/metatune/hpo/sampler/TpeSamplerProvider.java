package dev.metatune.hpo.sampler;

import dev.metatune.hpo.OptionSpec;
import dev.metatune.hpo.Options;
import dev.metatune.hpo.Sampler;
import dev.metatune.hpo.SamplerProvider;
import java.util.List;
import java.util.Map;

/** The {@code tpe} sampler: {@link TpeSampler}, with Optuna's option names; defaults as {@link TpeSampler.Settings#defaults()}. */
public final class TpeSamplerProvider implements SamplerProvider {

    private static final List<OptionSpec> OPTIONS = List.of(
            new OptionSpec("n_startup_trials", "integer >= 0", "random trials before TPE starts (default 10)"),
            new OptionSpec("n_ei_candidates", "integer >= 1", "candidates scored by expected improvement (default 24)"),
            new OptionSpec("prior_weight", "number > 0", "weight of the prior in the Parzen estimators (default 0.01; Optuna's is 1.0)"),
            new OptionSpec("multivariate", "true/false", "sample the shared parameters jointly (default true; Optuna's is false)"),
            new OptionSpec("consider_endpoints", "true/false", "let the kernels reach the range ends (default false)"),
            new OptionSpec("optuna31_scoring", "true/false",
                    "score candidates with equal-height kernels as Optuna 3.1 does; false uses proper densities (default true)"));

    @Override
    public String name() {
        return "tpe";
    }

    @Override
    public String description() {
        return "tree-structured Parzen estimator (Bergstra et al. 2011), independent or multivariate";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public Sampler create(long seed, Map<String, ?> options) {
        Options o = new Options("sampler 'tpe'", options, OPTIONS);
        TpeSampler.Settings d = TpeSampler.Settings.defaults();
        return new TpeSampler(seed, new TpeSampler.Settings(o.getInt("n_startup_trials", d.nStartupTrials()),
                o.getInt("n_ei_candidates", d.nEiCandidates()), o.getDouble("prior_weight", d.priorWeight()),
                o.getBoolean("multivariate", d.multivariate()),
                o.getBoolean("consider_endpoints", d.considerEndpoints()), d.gamma(),
                o.getBoolean("optuna31_scoring", d.optuna31Scoring())));
    }
}
