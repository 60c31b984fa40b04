/**
 * Meta-SGD (Li, Zhou, Chen and Li, "Meta-SGD: Learning to Learn Quickly for Few-Shot Learning",
 * arXiv:1707.09835, 2017): an initialisation and a learning rate per parameter meta-learned together
 * ({@code metasgd}).
 */
package dev.metatune.algorithms.metasgd;
