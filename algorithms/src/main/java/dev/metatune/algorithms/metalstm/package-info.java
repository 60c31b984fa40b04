/**
 * The LSTM meta-learner (Ravi and Larochelle, "Optimization as a Model for Few-Shot Learning",
 * ICLR 2017): a coordinate-wise LSTM that learns the learner's initialisation and update rule
 * ({@code meta-lstm}).
 */
package dev.metatune.algorithms.metalstm;
