/**
 * Meta-reinforcement learning (Finn, Abbeel and Levine, "Model-Agnostic Meta-Learning for Fast
 * Adaptation of Deep Networks", ICML 2017, section 5.3): a Gaussian MLP policy, rollouts of a whole
 * meta-batch stepped together on the device, the linear feature baseline, the vanilla
 * policy-gradient inner step, the meta-objective with its exact second-order gradient, and the TRPO
 * meta-update. {@code maml} and {@code fomaml} use {@link dev.metatune.algorithms.rl.PolicyMetaLearner}
 * on reinforcement-learning tasks; {@code pretrained} and {@code random} are the paper's baselines.
 */
package dev.metatune.algorithms.rl;
