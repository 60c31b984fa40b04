/**
 * The transfer baselines of Chen, Liu, Kira, Wang and Huang, "A Closer Look at Few-shot
 * Classification" (ICLR 2019), registered as {@code baseline} (linear head) and {@code baseline-pp}
 * (cosine-similarity head): pretraining of a Conv-4 backbone with a classifier over all meta-train
 * classes, then a new head fitted on each support set with the backbone frozen (SGD lr 0.01,
 * momentum 0.9, dampening 0.9, weight decay 1e-3, 100 passes in batches of 4, as in their code).
 */
package dev.metatune.algorithms.baseline;
