/**
 * Shared pieces for training DJL models in the algorithms of this module: the Conv-4 max-pool
 * embedding of Snell et al. 2017 (also the backbone of Chen et al. 2019's baselines), Adam and SGD
 * updaters with PyTorch's rules, losses, batch conversion and hyperparameter checks.
 */
package dev.metatune.algorithms.training;
