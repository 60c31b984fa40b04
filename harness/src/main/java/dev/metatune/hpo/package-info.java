/**
 * Hyperparameter optimisation, shaped after Optuna's core (Akiba et al. 2019, "Optuna: a
 * next-generation hyperparameter optimization framework", KDD): a {@link dev.metatune.hpo.Study}
 * over a {@link dev.metatune.hpo.storage.Storage} hands out {@link dev.metatune.hpo.Trial}s with
 * {@code ask}, takes their results with {@code tell}, and runs an objective with {@code optimize};
 * {@link dev.metatune.hpo.StudyWorker} is the loop a worker runs on a study whose budget several
 * workers share.
 * <pre>{@code
 * try (Storage storage = StorageFactory.open("sqlite:results/sweep.db");
 *      Study study = Study.builder(storage, "maml-omniglot-5w1s")
 *              .optDirection(StudyDirection.MAXIMIZE)
 *              .setSampler(SamplerProvider.registry().get("tpe").create(1, Map.of()))
 *              .optPruner(PrunerProvider.registry().get("median").create(1, Map.of("n_warmup_steps", 200)))
 *              .createOrLoad()) {
 *     study.enqueueTrial(Map.of("inner_lr", 0.4));          // the paper's default first
 *     study.optimize(trial -> {
 *         double lr = trial.suggestFloat("inner_lr", 1e-3, 1, true);
 *         ...
 *         trial.report(step, accuracy, perEpisodeAccuracies);
 *         if (trial.shouldPrune()) {
 *             throw new TrialPrunedException();
 *         }
 *         return accuracy;
 *     }, 50, Duration.ofHours(2));      // or StudyWorker.builder(study, objective).setTrials(50).build().run()
 * }
 * }</pre>
 * Samplers ({@code random}, {@code grid}, {@code sobol}, {@code tpe}, {@code cmaes}) and pruners
 * ({@code nop}, {@code median}, {@code percentile}, {@code asha}, {@code hyperband},
 * {@code wilcoxon}) are plugins found through {@link java.util.ServiceLoader}, by name from
 * {@link dev.metatune.hpo.SamplerProvider#registry()} and {@link dev.metatune.hpo.PrunerProvider#registry()};
 * this package depends on none of its subpackages but {@code storage}. Storages ({@code memory}, SQLite, PostgreSQL) through
 * {@link dev.metatune.hpo.storage.StorageFactory}.
 */
package dev.metatune.hpo;
