/**
 * Shared pieces for training DJL models in the algorithms of this module: the Conv-4 max-pool
 * embedding of Snell et al. 2017 (also the backbone of Chen et al. 2019's baselines), Adam and SGD
 * updaters with PyTorch's rules, losses, batch conversion and hyperparameter checks; and, for the
 * gradient-based meta-learners (MAML, ANIL, Meta-SGD, Reptile, MAML++, the LSTM meta-learner), exact and
 * first-order gradients through the TorchScript module ({@link dev.metatune.algorithms.training.GradientModule},
 * {@link dev.metatune.algorithms.training.GradMode}), per-task tensors and losses
 * ({@link dev.metatune.algorithms.training.TaskTensors}), meta-batch sums on task workers
 * ({@link dev.metatune.algorithms.training.MetaBatchGradient}), adapted networks
 * ({@link dev.metatune.algorithms.training.AdaptedNetwork}) and the MAML family's networks
 * ({@link dev.metatune.algorithms.training.Backbones}).
 */
package dev.metatune.algorithms.training;
