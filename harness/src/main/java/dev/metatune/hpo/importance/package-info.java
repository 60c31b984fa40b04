/**
 * Hyperparameter importance of a finished study: which searched parameters explain its objective.
 * {@link dev.metatune.hpo.importance.PedAnova} (Watanabe et al. 2023, PED-ANOVA: Pearson divergence
 * between the Parzen density of the best trials and that of all trials, per parameter) and
 * {@link dev.metatune.hpo.importance.Fanova} (Hutter et al. 2014, functional ANOVA of a random
 * forest, Tribuo's, fitted to the trials); {@link dev.metatune.hpo.importance.StudyImportance} puts
 * both together for a report. Depends only on {@code hpo}, its samplers' Parzen estimator and Tribuo.
 */
package dev.metatune.hpo.importance;
