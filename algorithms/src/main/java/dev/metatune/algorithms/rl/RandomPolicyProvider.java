package dev.metatune.algorithms.rl;

/**
 * {@code random}: the "random" baseline of Finn, Abbeel and Levine (ICML 2017, figure 4), a randomly
 * initialised policy fine-tuned at test (see {@link PolicyBaselineProvider}); meta-training steps roll
 * out and report its return but change nothing.
 */
public final class RandomPolicyProvider extends PolicyBaselineProvider {

    public RandomPolicyProvider() {
        super("random", false);
    }
}
