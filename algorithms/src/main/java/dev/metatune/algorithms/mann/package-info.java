/**
 * Memory-augmented neural networks (Santoro, Bartunov, Botvinick, Wierstra and Lillicrap,
 * "Meta-Learning with Memory-Augmented Neural Networks", ICML 2016), provider {@code mann}: an
 * LSTM controller with an external memory, cosine-similarity reads and least-recently-used writes,
 * learning within an episode by storing (image, label) bindings in memory, trained by
 * backpropagation through time over whole episode sequences.
 *
 * <p>Status: not yet listed in {@code META-INF/services}. The gradient through the memory is checked
 * against finite differences and the network learns the sequence format on fresh episodes, but a
 * test that its query accuracy after the support sequence rises well above chance within a few
 * hundred meta-steps is still missing (issue 14).
 */
package dev.metatune.algorithms.mann;
