/**
 * Memory-augmented neural networks (Santoro, Bartunov, Botvinick, Wierstra and Lillicrap,
 * "Meta-Learning with Memory-Augmented Neural Networks", ICML 2016), provider {@code mann}: an
 * LSTM controller with an external memory, cosine-similarity reads and least-recently-used writes,
 * learning within an episode by storing (image, label) bindings in memory, trained by
 * backpropagation through time over whole episode sequences.
 *
 * <p>Status: registered. On Omniglot (Vinyals split, 600 test episodes) the paper's network learns
 * one-shot binding after a slow start (query accuracy near chance for the first 700 to 1,100 steps
 * of 16 episodes): 57.1% at 5-way 1-shot and 68.1% at 5-way 5-shot after 6,250 steps (the paper's
 * 100,000 episodes), below the paper's 82.8% at the 2nd instance; the gap is not yet explained.
 */
package dev.metatune.algorithms.mann;
