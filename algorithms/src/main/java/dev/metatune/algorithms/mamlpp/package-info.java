/**
 * MAML++ (Antoniou, Edwards and Storkey, "How to train your MAML", ICLR 2019): MAML with multi-step
 * loss, per-layer per-step learning rates, per-step BatchNorm, derivative-order annealing and
 * cosine annealing, each switchable ({@code maml++}).
 */
package dev.metatune.algorithms.mamlpp;
