package dev.metatune.sweep;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.metatune.data.DataOptions;
import dev.metatune.plugin.Registry;
import dev.metatune.data.DatasetProvider;
import dev.metatune.eval.Metric;
import dev.metatune.eval.ProgressListener;
import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.PrunerFactory;
import dev.metatune.hpo.SamplerFactory;
import dev.metatune.hpo.Study;
import dev.metatune.hpo.StudyDirection;
import dev.metatune.hpo.TrialState;
import dev.metatune.hpo.storage.Storage;
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
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
     * Opens the suite's data sets (or their fallbacks) and checks its algorithms, before anything is
     * written: bad input stops here.
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
            algorithms.get(plan.algorithm().name());
        }
        resolved = opened;
        studyNames = StudyNames.of(suite.studies(), opened);
    }

    /** The names of the run's tuning studies, in suite order, after the data sets actually used; after {@link #prepare}. */
    public List<String> studyNames() {
        if (studyNames == null) {
            throw new IllegalStateException("prepare() first: study names depend on the data sets opened");
        }
        return List.copyOf(studyNames.values());
    }

    /** Tunes, tests and reports every study of the suite, keeping everything in {@code storage}. */
    public void run(Storage storage) throws IOException {
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
        for (StudyPlan plan : plans) {
            ResolvedDataset dataset = resolved.get(plan.dataset().name());
            Map<String, Object> best = tune(plan, dataset, counter);
            if (best == null) {
                log.println("metatune: " + studyNames.get(plan) + ": no trial completed; its final evaluation is skipped");
                continue;
            }
            test(plan, dataset, best, counter);
        }
        RunReport.write(storage, runDir);
        SavedModels.writeList(runDir);
    }

    private int tuningTrials(StudyPlan plan) {
        return plan.algorithm().search().isEmpty() ? 0 : plan.trials();
    }

    private void registerRun(List<StudyPlan> plans, Map<String, ResolvedDataset> resolved) {
        String hash = suite.contentHash();
        Optional<RunRecord> existing = records.readRun();
        if (existing.isPresent()) {
            if (records.storedFormatVersion() != RunCodec.FORMAT_VERSION) {
                throw new RunFormatException(records.storedFormatVersion(), "this run's storage was written by an earlier"
                        + " Metatune (run format version " + records.storedFormatVersion() + ", commit "
                        + existing.get().provenance().gitCommit() + "), which this build does not resume; rebuild its report"
                        + " with 'metatune report', or start a new run with another --out");
            }
            Provenance stored = existing.get().provenance();
            if (!hash.equals(stored.suiteSha256())) {
                throw new IllegalArgumentException("this run's storage holds suite '" + stored.suiteName() + "' (sha256 "
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
        return Study.builder(storage, name).optDirection(direction).optHeartbeat(interval, heartbeatGrace, MAX_RETRIES);
    }

    /** Tunes one study; returns the best configuration (fixed values and tuned ones), or null when none completed. */
    private Map<String, Object> tune(StudyPlan plan, ResolvedDataset dataset, StepCounter counter) {
        AlgorithmEntry entry = plan.algorithm();
        AlgorithmProvider provider = algorithms.get(entry.name());
        Metric metric = Metric.of(dataset.dataset().kind());
        StudyDirection direction = metric.higherIsBetter() ? StudyDirection.MAXIMIZE : StudyDirection.MINIMIZE;
        String name = studyNames.get(plan);
        if (entry.search().isEmpty()) {
            try (Study study = builder(name, direction).createOrLoad()) {
                records.describeTuningStudy(study.studyId(), describe(plan, dataset, provider, metric, direction), () -> { });
            }
            return new TreeMap<>(entry.fixed());
        }
        long samplerSeed = suite.sampler().seed() + name.hashCode();
        try (Study study = builder(name, direction)
                .optSampler(SamplerFactory.create(suite.sampler().name(), samplerSeed, suite.sampler().options()))
                .optPruner(PrunerFactory.create(suite.pruner().name(), suite.seed(), suite.pruner().options()))
                .createOrLoad()) {
            records.describeTuningStudy(study.studyId(), describe(plan, dataset, provider, metric, direction), () -> {
                for (Map<String, Object> params : entry.enqueue()) {
                    study.enqueueTrial(params);
                }
            });
            TaskSpec setting = plan.setting().taskSpec();
            int[] trialInProgress = {-1};
            TuningObjective objective = new TuningObjective(provider, entry.fixed(), entry.search(), dataset, setting,
                    entry.budget(), suite.seed(), device, (trial, step, steps, validation) -> {
                        trialInProgress[0] = trial;
                        counter.step(String.format(Locale.ROOT, "%s trial %d step %d/%d val %s", name, trial, step, steps,
                                Double.isNaN(validation) ? "-" : String.format(Locale.ROOT, "%.4f", validation)));
                    }, TrialCheckpointFiles.of(runDir, name, entry.budget().checkpointEvery()));
            Instant deadline = entry.budget().studyTimeout().isZero() ? null : Instant.now().plus(entry.budget().studyTimeout());
            counter.skip((long) Math.min(countedTrials(study.trials()), plan.trials()) * entry.budget().trainSteps());
            while (deadline == null || Instant.now().isBefore(deadline)) {
                List<FrozenTrial> all = study.trials();
                boolean waiting = all.stream().anyMatch(t -> t.state() == TrialState.WAITING);
                if (countedTrials(all) < plan.trials() || waiting) {
                    study.optimize(objective, 1);
                    logTrial(name, study, trialInProgress[0], entry.budget().trainSteps(), counter);
                } else if (all.stream().anyMatch(t -> t.state() == TrialState.RUNNING)) {
                    waitForOtherWorkers(study);
                } else {
                    break;
                }
            }
            Optional<FrozenTrial> best = study.bestTrial();
            if (best.isEmpty()) {
                return null;
            }
            Map<String, Object> params = new TreeMap<>(entry.fixed());
            params.putAll(best.get().params());
            return params;
        }
    }

    /**
     * Trials that count against a study's budget: every trial that started, except those that
     * failed because their worker died and were enqueued again (their retry counts instead).
     */
    static int countedTrials(List<FrozenTrial> trials) {
        java.util.Set<Integer> retried = new java.util.HashSet<>();
        for (FrozenTrial t : trials) {
            if (t.systemAttrs().get(Study.RETRY_OF) instanceof Number n) {
                retried.add(n.intValue());
            }
        }
        return (int) trials.stream().filter(t -> t.state() != TrialState.WAITING && !retried.contains(t.number())).count();
    }

    /** Trials of other workers (or of a worker that died) are still RUNNING: wait, and reap the dead ones. */
    private void waitForOtherWorkers(Study study) {
        try {
            Thread.sleep(Math.min(2_000, heartbeatGrace.toMillis() / 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for other workers' trials", e);
        }
        for (FrozenTrial dead : study.failStaleTrials()) {
            log.println("metatune: " + study.name() + " trial " + dead.number() + " lost its worker; it runs again");
        }
    }

    private void logTrial(String study, Study s, int number, int trainSteps, StepCounter counter) {
        FrozenTrial last = s.trials().stream().filter(t -> t.number() == number).findFirst().orElse(null);
        if (last == null) {
            return;
        }
        if (last.state() != TrialState.COMPLETE) {
            counter.skip(trainSteps - stepsDone(last));
        }
        log.println(String.format(Locale.ROOT, "metatune: %s trial %d %s%s%s", study, last.number(), last.state(),
                last.value() == null ? "" : String.format(Locale.ROOT, " value %.4f", last.value()),
                last.failReason() == null ? "" : " (" + last.failReason() + ")"));
    }

    private static long stepsDone(FrozenTrial t) {
        Long last = t.lastStep();
        return last == null ? 0 : last;
    }

    private TuningStudy describe(StudyPlan plan, ResolvedDataset dataset, AlgorithmProvider provider, Metric metric,
                                 StudyDirection direction) {
        return new TuningStudy(plan.algorithm().label(), dataset.usedName(), plan.setting().label(), metric, direction,
                published(provider, dataset.usedName(), plan.setting().label()), notes(plan, provider, dataset),
                plan.algorithm().search(), plan.algorithm().heatmap());
    }

    /** The provider's published result for the data set actually used and the setting, if it states one. */
    static Optional<PublishedResult> published(AlgorithmProvider provider, String dataset, String setting) {
        return provider.publishedResults().stream()
                .filter(p -> p.dataset().equals(dataset) && p.setting().equals(setting)).findFirst();
    }

    /**
     * The notes column of a study: its training steps, what the provider says about the configuration,
     * the training episodes when they differ from the setting, and whether the data set was substituted.
     */
    static String notes(StudyPlan plan, AlgorithmProvider provider, ResolvedDataset dataset) {
        TaskKind kind = dataset.dataset().kind();
        Hyperparameters hp = provider.defaults(kind).with(plan.algorithm().fixed());
        List<String> notes = new ArrayList<>();
        notes.add(plan.algorithm().budget().finalTrainSteps() + " training steps");
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

    private void test(StudyPlan plan, ResolvedDataset dataset, Map<String, Object> best, StepCounter counter) {
        AlgorithmEntry entry = plan.algorithm();
        AlgorithmProvider provider = algorithms.get(entry.name());
        Metric metric = Metric.of(dataset.dataset().kind());
        StudyDirection direction = metric.higherIsBetter() ? StudyDirection.MAXIMIZE : StudyDirection.MINIMIZE;
        String name = RunCodec.testStudyName(studyNames.get(plan));
        try (Study study = builder(name, direction).optSampler(SamplerFactory.create("random", suite.seed(), Map.of()))
                .createOrLoad()) {
            records.describeTestStudy(study.studyId(), best, () -> { });
            enqueueMissingSeeds(study);
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
            long done = study.trials().stream().filter(t -> t.state() == TrialState.COMPLETE).count();
            counter.skip(done * steps);
            while (true) {
                if (!study.trials(EnumSet.of(TrialState.WAITING)).isEmpty()) {
                    study.optimize(objective, 1);
                } else if (!study.trials(EnumSet.of(TrialState.RUNNING)).isEmpty()) {
                    waitForOtherWorkers(study);
                } else {
                    break;
                }
            }
        }
    }

    /**
     * Enqueues a final evaluation for every seed that has none completed, waiting or running: on the
     * first run all of them, on a resumed run those whose evaluation failed or never started.
     */
    private void enqueueMissingSeeds(Study study) {
        java.util.Set<Long> covered = new java.util.HashSet<>();
        for (FrozenTrial t : study.trials()) {
            Object seed = t.state() == TrialState.WAITING && t.systemAttrs().get(Study.FIXED_PARAMS) instanceof Map<?, ?> fixed
                    ? fixed.get(RunCodec.SEED_PARAM) : t.params().get(RunCodec.SEED_PARAM);
            if (seed instanceof Number n && (t.state() == TrialState.COMPLETE || t.state() == TrialState.WAITING
                    || t.state() == TrialState.RUNNING)) {
                covered.add(n.longValue());
            }
        }
        for (Long seed : suite.seeds()) {
            if (!covered.contains(seed)) {
                study.enqueueTrial(Map.of(RunCodec.SEED_PARAM, seed));
            }
        }
    }

    /** Counts meta-training steps across the whole run for the progress display. */
    private static final class StepCounter {
        private final long total;
        private final ProgressListener progress;
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
    }
}
