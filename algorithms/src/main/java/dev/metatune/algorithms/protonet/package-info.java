/**
 * Prototypical Networks (Snell, Swersky and Zemel, "Prototypical Networks for Few-shot Learning",
 * NeurIPS 2017), registered as {@code protonet}: a Conv-4 embedding with max-pooling trained on
 * episodes (60-way 5-shot 5-query for Omniglot by default), prototypes as class means, logits as
 * minus squared Euclidean distances, Adam with the learning rate halved every 2000 episodes.
 */
package dev.metatune.algorithms.protonet;
