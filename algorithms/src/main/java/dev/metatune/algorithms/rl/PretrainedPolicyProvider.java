package dev.metatune.algorithms.rl;

/**
 * {@code pretrained}: the "pretrained" baseline of Finn, Abbeel and Levine (ICML 2017, figure 4), one
 * policy trained with TRPO on all tasks jointly and fine-tuned at test (see {@link PolicyBaselineProvider}).
 */
public final class PretrainedPolicyProvider extends PolicyBaselineProvider {

    public PretrainedPolicyProvider() {
        super("pretrained", true);
    }
}
