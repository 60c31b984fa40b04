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
    /**
     * Reptile's step (Nichol, Achiam and Schulman 2018): the meta-parameters move a fraction epsilon of
     * the way toward the mean of the tasks' adapted parameters, theta += epsilon * mean(phi - theta); no
     * gradient through the inner steps and no query trajectories in the update.
     */
    REPTILE,
    /** No update: the policy keeps its initialisation (the random baseline of the paper's figure 4). */
    NONE
}
