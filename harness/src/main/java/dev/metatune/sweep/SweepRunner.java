package dev.metatune.sweep;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.metatune.data.DataOptions;
import dev.metatune.plugin.Registry;
import dev.metatune.data.DatasetProvider;
import dev.metatune.error.UserInputException;
import dev.metatune.eval.Metric;
import dev.metatune.eval.ProgressListener;
import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.Objective;
import dev.metatune.hpo.PrunerProvider;
import dev.metatune.hpo.SamplerProvider;
import dev.metatune.hpo.Study;
import dev.metatune.hpo.StudyDirection;
import dev.metatune.hpo.StudyWorker;
import dev.metatune.hpo.TrialState;
import dev.metatune.hpo.WorkerListener;
import dev.metatune.hpo.WorkerSummary;
import dev.metatune.hpo.sampler.RandomSampler;
import dev.metatune.hpo.Storage;
import dev.metatune.learner.AlgorithmProvider;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.PublishedResult;
import dev.metatune.report.RunReport;
import dev.metatune.run.Provenance;
import dev.metatune.run.RunCodec;
import dev.metatune.run.RunFormatException;
import dev.metatune.run.RunRecord;
import dev.metatune.run.TuningStudy;
import dev.metatune.suite.AlgorithmEntry;
import dev.metatune.suite.DatasetEntry;
import dev.metatune.suite.StudyPlan;
import dev.metatune.suite.Suite;
import dev.metatune.task.TaskKind;
import dev.metatune.task.TaskSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs a suite: for each study (algorithm entry x data set x setting) it tunes the searched
 * hyperparameters on the meta-validation classes with the suite's sampler and pruner, then
 * retrains the best configuration with each of the suite's seeds and scores it on the fixed
 * meta-test episodes. Everything is kept in the study storage as it happens, so a run that is
 * interrupted resumes where it stopped (a trial that was running when its process died is marked
 * FAIL after the heartbeat grace period and run again), and several workers can share one run
 * through one storage. The report files are written from the storage at the end.
 */
public final class SweepRunner {

    /** How often a trial whose worker died is run again before it stays FAIL (a configuration that kills its worker). */
    static final int MAX_RETRIES = 2;

    private final Suite suite;
    private Storage storage;
    private RunCodec records;
    private Map<String, ResolvedDataset> resolved;
    private Map<StudyPlan, String> studyNames;
    private WarmStarts warmStarts;
    private final Registry<AlgorithmProvider> algorithms;
    private final Registry<DatasetProvider> datasets;
    private final DataOptions data;
    private final Device device;
    private final Duration heartbeatGrace;
    private final Path runDir;
    private final Path workingTree;
    private final ProgressListener progress;
    private final java.io.PrintStream log;

    /**
     * @param heartbeatGrace how long a RUNNING trial may go without a heartbeat before another worker
     *                       (or a resumed run) marks it FAIL and runs it again
     * @param workingTree    a folder of the git checkout, for the commit in the provenance
     * @param log            where plain progress messages go (stderr)
     */
    public SweepRunner(Suite suite, Registry<AlgorithmProvider> algorithms, Registry<DatasetProvider> datasets,
                       DataOptions data, Device device, Duration heartbeatGrace, Path runDir, Path workingTree,
                       ProgressListener progress, java.io.PrintStream log) {
        this.suite = suite;
        this.algorithms = algorithms;
        this.datasets = datasets;
        this.data = data;
        this.device = device;
        if (heartbeatGrace.compareTo(Duration.ofSeconds(2)) < 0) {
            throw new IllegalArgumentException("heartbeat grace must be at least 2 seconds, got " + heartbeatGrace);
        }
        this.heartbeatGrace = heartbeatGrace;
        this.runDir = runDir;
        this.workingTree = workingTree;
        this.progress = progress;
        this.log = log;
    }

    /**
     * Opens the suite's data sets (or their fallbacks) and checks each study's episodes against them
     * ({@link ResolvedDataset#checkStudy}), before anything is written: bad input stops here.
     */
    public void prepare() {
        Map<String, ResolvedDataset> opened = new LinkedHashMap<>();
        for (DatasetEntry entry : suite.datasets()) {
            ResolvedDataset r = ResolvedDataset.open(entry, datasets, data);
            if (!r.substituted().isEmpty()) {
                log.println("metatune: " + r.substituted());
            }
            opened.put(entry.name(), r);
        }
        for (StudyPlan plan : suite.studies()) {
            opened.get(plan.dataset().name()).checkStudy(plan, algorithms.get(plan.algorithm().name()),
                    suite.testQueries(plan.setting()));
        }
        resolved = opened;
        studyNames = StudyNames.of(suite.studies(), opened);
        warmStarts = WarmStarts.resolve(suite.studies(), studyNames);
    }

    /** The names of the run's tuning studies, in suite order, after the data sets actually used; after {@link #prepare}. */
    public List<String> studyNames() {
        if (studyNames == null) {
            throw new IllegalStateException("prepare() first: study names depend on the data sets opened");
        }
        return List.copyOf(studyNames.values());
    }

    /**
     * Tunes, tests and reports every study of the suite, keeping everything in {@code storage}; returns
     * which studies, if any, completed no trial (the report is written either way).
     */
    public RunOutcome run(Storage storage) throws IOException {
        return run(storage, true);
    }

    /**
     * Tunes and tests every study of the suite, keeping everything in {@code storage}, and writes the
     * report files when {@code writeReport} (a worker among several leaves that to whoever started them);
     * returns which studies, if any, completed no trial.
     */
    public RunOutcome run(Storage storage, boolean writeReport) throws IOException {
        if (resolved == null) {
            prepare();
        }
        this.storage = storage;
        this.records = new RunCodec(storage);
        List<StudyPlan> plans = suite.studies();
        registerRun(plans, resolved);
        long total = 0;
        for (StudyPlan plan : plans) {
            total += (long) tuningTrials(plan) * plan.algorithm().budget().trainSteps()
                    + (long) suite.seeds().size() * plan.algorithm().budget().finalTrainSteps();
        }
        StepCounter counter = new StepCounter(total, progress);
        Map<StudyPlan, Instant> deadlines = new HashMap<>();
        // First pass: a worker that finds nothing left to start in a study (its last trials run on other
        // workers) goes on to the next study instead of waiting, and tests a study only once its tuning
        // is finished. A study warmed from this run's studies waits until they are finished.
        Set<String> finished = new HashSet<>();
        for (StudyPlan plan : plans) {
            if (!finished.containsAll(warmStarts.sourcesInThisRun(plan))) {
                continue;
            }
            ResolvedDataset dataset = resolved.get(plan.dataset().name());
            Tuned tuned = tune(plan, dataset, counter, deadlines, false);
            if (tuned.finished()) {
                finished.add(studyNames.get(plan));
                if (tuned.best() != null) {
                    test(plan, dataset, tuned.best(), counter, false);
                }
            }
        }
        // Second pass: back to every study, waiting for what other workers still run in it.
        for (StudyPlan plan : plans) {
            ResolvedDataset dataset = resolved.get(plan.dataset().name());
            Tuned tuned = tune(plan, dataset, counter, deadlines, true);
            if (tuned.best() == null) {
                log.println("metatune: " + studyNames.get(plan) + ": no trial completed; its final evaluation is skipped");
                continue;
            }
            test(plan, dataset, tuned.best(), counter, true);
        }
        if (writeReport) {
            SavedModels.writeList(runDir);
            RunReport.write(storage, runDir);
        }
        return outcome(storage);
    }

    /** Which studies of this (prepared) suite completed no trial in {@code storage}. */
    public RunOutcome outcome(Storage storage) {
        return RunOutcome.of(storage, suite.studies().stream().map(p -> tuningTrials(p) == 0
                ? List.of(RunCodec.testStudyName(studyNames.get(p)))
                : List.of(studyNames.get(p), RunCodec.testStudyName(studyNames.get(p)))).toList());
    }

    private int tuningTrials(StudyPlan plan) {
        return plan.algorithm().search().isEmpty() ? 0 : plan.trials();
    }

    private void registerRun(List<StudyPlan> plans, Map<String, ResolvedDataset> resolved) {
        String hash = suite.contentHash();
        Optional<RunRecord> existing = records.readRun();
        if (existing.isEmpty() && !FirstWorker.create(storage, RunCodec.RUN_STUDY, StudyDirection.MAXIMIZE)
                && FirstWorker.await(() -> records.readRun().isPresent())) {
            existing = records.readRun(); // another worker registered the run meanwhile
        }
        if (existing.isPresent()) {
            if (records.storedFormatVersion() != RunCodec.FORMAT_VERSION) {
                throw new RunFormatException(records.storedFormatVersion(), "this run's storage was written by an earlier"
                        + " Metatune (run format version " + records.storedFormatVersion() + ", commit "
                        + existing.get().provenance().gitCommit() + "), which this build does not resume; rebuild its report"
                        + " with 'metatune report', or start a new run with another --out");
            }
            Provenance stored = existing.get().provenance();
            if (!hash.equals(stored.suiteSha256())) {
                throw new UserInputException("this run's storage holds suite '" + stored.suiteName() + "' (sha256 "
                        + stored.suiteSha256().substring(0, 12) + "), not this suite (sha256 " + hash.substring(0, 12)
                        + "); resume it with the same suite file, or start a new run with another --out");
            }
            return;
        }
        StringBuilder substitutions = new StringBuilder();
        resolved.values().forEach(r -> {
            if (!r.substituted().isEmpty()) {
                substitutions.append(substitutions.isEmpty() ? "" : "; ").append(r.substituted());
            }
        });
        Provenance provenance = Provenance.collect(workingTree, Engine.getInstance(), device.toString(), suite.name(), hash,
                suite.seeds(), Instant.now().toString());
        String title = "Metatune run: " + suite.name() + (substitutions.isEmpty() ? "" : " (" + substitutions + ")");
        records.writeRun(new RunRecord(title, provenance, plans.stream().map(studyNames::get).toList()));
    }

    private Study.Builder builder(String name, StudyDirection direction) {
        Duration interval = Duration.ofMillis(Math.max(500, Math.min(10_000, heartbeatGrace.toMillis() / 3)));
        return Study.builder(storage, name).optDirection(direction).optHeartbeat(interval, heartbeatGrace, MAX_RETRIES)
                .setSampler(new RandomSampler(suite.seed()));
    }

    /**
     * What a worker's visit to a tuning study left: the best configuration so far (fixed values and
     * tuned ones; null when no trial completed) and whether the tuning is finished (no trial left to
     * start or running), so that the best is final.
     */
    private record Tuned(Map<String, Object> best, boolean finished) {
    }

    /**
     * Visits one tuning study: runs its trials until none is left to start, then, when {@code wait},
     * waits for other workers' running trials too. The study timeout counts from the worker's first
     * visit ({@code deadlines}); a visit after it only runs trials waiting for a retry and waits for
     * the running ones.
     */
    private Tuned tune(StudyPlan plan, ResolvedDataset dataset, StepCounter counter, Map<StudyPlan, Instant> deadlines,
                       boolean wait) {
        AlgorithmEntry entry = plan.algorithm();
        AlgorithmProvider provider = algorithms.get(entry.name());
        Metric metric = Metric.of(dataset.dataset().kind());
        StudyDirection direction = metric.higherIsBetter() ? StudyDirection.MAXIMIZE : StudyDirection.MINIMIZE;
        String name = studyNames.get(plan);
        if (entry.search().isEmpty()) {
            try (Study study = builder(name, direction).createOrLoad()) {
                records.describeTuningStudy(study.studyId(), describe(plan, dataset, provider, metric, direction), () -> { });
            }
            return new Tuned(new TreeMap<>(entry.fixed()), true);
        }
        long samplerSeed = suite.sampler().seed() + name.hashCode();
        boolean first = FirstWorker.create(storage, name, direction);
        dev.metatune.hpo.Sampler sampler = SamplerProvider.registry().get(suite.sampler().name())
                .create(samplerSeed, suite.sampler().options());
        WarmStarts.Prior prior = warmStarts.warms(plan) ? warmStarts.prior(plan, storage, sampler, suite.sampler().name())
                : new WarmStarts.Prior(dev.metatune.hpo.PriorTrials.NONE, List.of());
        try (Study study = builder(name, direction)
                .setSampler(sampler).optPrior(prior.trials())
                .optPruner(PrunerProvider.registry().get(suite.pruner().name()).create(suite.seed(), suite.pruner().options()))
                .createOrLoad()) {
            if (!first) {
                FirstWorker.await(() -> records.isDescribed(study.studyId()));
            }
            records.describeTuningStudy(study.studyId(), describe(plan, dataset, provider, metric, direction), () -> {
                if (!prior.sources().isEmpty()) {
                    records.writeWarmStart(study.studyId(), prior.sources());
                }
                for (Map<String, Object> params : entry.enqueue()) {
                    study.enqueueTrial(params);
                }
            });
            boolean firstVisit = !deadlines.containsKey(plan);
            if (firstVisit) {
                Duration timeout = entry.budget().studyTimeout();
                deadlines.put(plan, timeout.isZero() ? Instant.MAX : Instant.now().plus(timeout));
            }
            if (firstVisit && !prior.sources().isEmpty()) {
                prior.sources().forEach(w -> log.println("metatune: " + name + " warmed from " + w.study() + " (" + w.where()
                        + ", " + w.trials() + " trials" + (w.used() ? "" : "; sampler " + w.sampler() + " ignores a prior")
                        + ")"));
            }
            TaskSpec setting = plan.setting().taskSpec();
            TuningObjective objective = new TuningObjective(provider, entry.fixed(), entry.search(), dataset, setting,
                    entry.budget(), suite.seed(), device, (trial, step, steps, validation) -> {
                        counter.step(String.format(Locale.ROOT, "%s trial %d step %d/%d val %s", name, trial, step, steps,
                                Double.isNaN(validation) ? "-" : String.format(Locale.ROOT, "%.4f", validation)));
                    }, TrialCheckpointFiles.of(runDir, name, entry.budget().checkpointEvery()));
            counter.skipOthers(name, StudyWorker.countedTrialList(study.trials()), plan.trials(), entry.budget().trainSteps());
            Duration left = Duration.between(Instant.now(), deadlines.get(plan));
            StudyWorker.Builder worker = StudyWorker.builder(study, objective).optWaitForOthers(wait)
                    .optListener(progressLog(name, entry.budget().trainSteps(), counter));
            if (deadlines.get(plan).equals(Instant.MAX)) {
                worker.setTrials(plan.trials());
            } else if (left.isNegative() || left.isZero()) {
                worker.setTrials(0);
            } else {
                worker.setTrials(plan.trials()).optTimeout(left);
            }
            WorkerSummary summary = worker.build().run();
            if (wait && summary.stop() == WorkerSummary.Stop.TIMEOUT) {
                // out of time: no new trial, but the best is taken only once other workers' trials end
                summary = StudyWorker.builder(study, objective).setTrials(0)
                        .optListener(progressLog(name, entry.budget().trainSteps(), counter)).build().run();
            }
            boolean done = summary.stop() != WorkerSummary.Stop.STOPPED
                    && study.trials().stream().noneMatch(t -> t.state() == TrialState.RUNNING || t.state() == TrialState.WAITING);
            Optional<FrozenTrial> best = study.bestTrial();
            if (best.isEmpty()) {
                return new Tuned(null, done);
            }
            Map<String, Object> params = new TreeMap<>(entry.fixed());
            params.putAll(best.get().params());
            return new Tuned(params, done);
        }
    }

    /** Logs each finished trial (and skips the progress of its steps not run) and each dead worker's trial. */
    private WorkerListener progressLog(String study, int trainSteps, StepCounter counter) {
        return new WorkerListener() {
            @Override
            public void trialFinished(FrozenTrial last) {
                counter.ran(study, last.number());
                if (trainSteps > 0) {
                    if (last.state() != TrialState.COMPLETE) {
                        counter.skip(trainSteps - stepsDone(last));
                    }
                    log.println(String.format(Locale.ROOT, "metatune: %s trial %d %s%s%s", study, last.number(), last.state(),
                            last.value() == null ? "" : String.format(Locale.ROOT, " value %.4f", last.value()),
                            last.failReason() == null ? "" : " (" + last.failReason() + ")"));
                }
            }

            @Override
            public void trialReaped(FrozenTrial dead, boolean retried) {
                log.println("metatune: " + study + " trial " + dead.number() + " lost its worker; "
                        + (retried ? "it runs again" : "its retries are used up"));
            }
        };
    }

    private static long stepsDone(FrozenTrial t) {
        Long last = t.lastStep();
        return last == null ? 0 : last;
    }

    private TuningStudy describe(StudyPlan plan, ResolvedDataset dataset, AlgorithmProvider provider, Metric metric,
                                 StudyDirection direction) {
        return new TuningStudy(plan.algorithm().label(), dataset.usedName(), plan.setting().label(), metric, direction,
                provider.publishedResult(dataset.usedName(), plan.setting().label()), notes(plan, provider, dataset),
                plan.algorithm().search(), plan.algorithm().heatmap());
    }


    /**
     * The notes column of a study: its training steps, the test queries (per class, or per task for
     * regression), what the provider says about the configuration,
     * the training episodes when they differ from the setting, and whether the data set was substituted.
     */
    static String notes(StudyPlan plan, AlgorithmProvider provider, ResolvedDataset dataset) {
        TaskKind kind = dataset.dataset().kind();
        Hyperparameters hp = provider.defaults(kind).with(plan.algorithm().fixed());
        List<String> notes = new ArrayList<>();
        notes.add(plan.algorithm().budget().finalTrainSteps() + " training steps");
        int queries = plan.setting().queries();
        switch (kind) {
            case CLASSIFICATION -> notes.add(queries + (queries == 1 ? " query" : " queries") + " per class");
            case REGRESSION -> notes.add(queries + (queries == 1 ? " query point" : " query points") + " per task");
            default -> {
            }
        }
        notes.addAll(provider.describe(hp, kind));
        TaskSpec train = provider.trainingSpec(hp, plan.setting().taskSpec());
        if (!train.equals(plan.setting().taskSpec())) {
            notes.add("trained on " + train);
        }
        if (!dataset.substituted().isEmpty()) {
            notes.add("data set substituted");
        }
        return String.join("; ", notes);
    }

    /**
     * Runs the final evaluations of one study that are waiting; when {@code wait}, also waits for those
     * other workers run, so that the study is complete when it returns.
     */
    private void test(StudyPlan plan, ResolvedDataset dataset, Map<String, Object> best, StepCounter counter, boolean wait) {
        AlgorithmEntry entry = plan.algorithm();
        AlgorithmProvider provider = algorithms.get(entry.name());
        Metric metric = Metric.of(dataset.dataset().kind());
        StudyDirection direction = metric.higherIsBetter() ? StudyDirection.MAXIMIZE : StudyDirection.MINIMIZE;
        String name = RunCodec.testStudyName(studyNames.get(plan));
        boolean first = FirstWorker.create(storage, name, direction);
        try (Study study = builder(name, direction).createOrLoad()) {
            if (!first) {
                FirstWorker.await(() -> records.isDescribed(study.studyId()));
            }
            records.describeTestStudy(study.studyId(), best, () -> enqueueMissingSeeds(study));
            enqueueMissingSeeds(study); // a resumed run: the seeds whose evaluation failed
            Map<String, Object> stored = records.readBestParameters(studyNames.get(plan));
            Hyperparameters hyperparameters = provider.defaults(dataset.dataset().kind()).with(stored);
            TaskSpec setting = plan.setting().taskSpec();
            TaskSpec testSpec = new TaskSpec(setting.ways(), setting.shots(), suite.testQueries(plan.setting()));
            int steps = entry.budget().finalTrainSteps();
            TestObjective objective = new TestObjective(provider, hyperparameters, dataset, testSpec, steps,
                    suite.testEpisodes(), suite.seeds(), device, (step, total, r) ->
                    counter.step(String.format(Locale.ROOT, "%s step %d/%d", name, step, total)),
                    TrialCheckpointFiles.of(runDir, name, entry.budget().checkpointEvery()),
                    seed -> SavedModels.folder(runDir, name, seed), records.readRun().map(RunRecord::provenance).orElseThrow());
            counter.skipOthers(name, study.trials().stream().filter(t -> t.state() == TrialState.COMPLETE).toList(),
                    suite.seeds().size(), steps);
            Objective once = trial -> {
                // two workers resuming at once may both have enqueued a failed seed again: the later trial yields
                Optional<FrozenTrial> earlier = FinalEvaluationSeeds.evaluatedBefore(study.trials(), trial.snapshot());
                if (earlier.isPresent()) {
                    throw new IllegalStateException("seed " + FinalEvaluationSeeds.seedOf(trial.snapshot()).orElseThrow()
                            + " is evaluated by trial " + earlier.get().number() + " already; this duplicate is not run");
                }
                return objective.evaluate(trial);
            };
            StudyWorker.builder(study, once).setTrials(0).optWaitForOthers(wait).optListener(progressLog(name, 0, counter))
                    .build().run();
        }
    }

    /**
     * Enqueues a final evaluation for every seed that has none completed, waiting or running: on the
     * first run all of them, on a resumed run those whose evaluation failed or never started.
     */
    private void enqueueMissingSeeds(Study study) {
        for (Long seed : FinalEvaluationSeeds.missing(study.trials(), suite.seeds())) {
            study.enqueueTrial(Map.of(RunCodec.SEED_PARAM, seed));
        }
    }

    /**
     * Counts meta-training steps across the whole run for the progress display. Steps of trials this
     * worker did not run (other workers', or an earlier process's) are added once per trial, however
     * often the worker comes back to their study.
     */
    private static final class StepCounter {
        private final long total;
        private final ProgressListener progress;
        private final Map<String, Set<Integer>> accounted = new HashMap<>();
        private long done;

        StepCounter(long total, ProgressListener progress) {
            this.total = Math.max(1, total);
            this.progress = progress;
        }

        void step(String status) {
            done = Math.min(total, done + 1);
            progress.progress(done, total, status);
        }

        void skip(long steps) {
            if (steps > 0) {
                done = Math.min(total, done + steps);
            }
        }

        /** Adds {@code stepsEach} for each of {@code trials} not yet counted, up to {@code cap} trials of the study. */
        void skipOthers(String study, List<FrozenTrial> trials, int cap, long stepsEach) {
            Set<Integer> seen = accounted.computeIfAbsent(study, k -> new HashSet<>());
            for (FrozenTrial t : trials) {
                if (seen.size() >= cap) {
                    return;
                }
                if (seen.add(t.number())) {
                    skip(stepsEach);
                }
            }
        }

        /** Marks a trial this worker ran (its steps were counted as they ran). */
        void ran(String study, int trial) {
            accounted.computeIfAbsent(study, k -> new HashSet<>()).add(trial);
        }
    }
}
