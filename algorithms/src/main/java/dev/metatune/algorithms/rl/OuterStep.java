package dev.metatune.algorithms.rl;

/** How a policy meta-learner updates its meta-parameters after each meta-batch. */
public enum OuterStep {
    /** A TRPO step on the meta-objective (Finn, Abbeel and Levine 2017, as the paper). */
    TRPO,
    /**
     * A first-order PPO-style step (Schulman, Wolski, Dhariwal, Radford and Klimov 2017): a few Adam
     * epochs on the clipped surrogate of the adapted policies, the inner gradients as constants
     * ({@link ClippedSurrogateUpdate}).
     */
    PPO,
    /** No update: the policy keeps its initialisation (the random baseline of the paper's figure 4). */
    NONE
}
