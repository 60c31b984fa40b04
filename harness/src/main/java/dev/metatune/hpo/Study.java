package dev.metatune.hpo;

import dev.metatune.space.Distribution;

import dev.metatune.hpo.pruner.NopPruner;
import dev.metatune.hpo.sampler.RandomSampler;
import dev.metatune.hpo.storage.Storage;
import dev.metatune.hpo.storage.StudyInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A named optimisation over a {@link Storage}, shaped after Optuna's {@code Study} (Akiba et al.
 * 2019): {@link #ask()} starts a trial, {@link #tell} finishes it, and {@link #optimize} is built
 * on the two. Several processes may work on one study through a shared storage; each claims its
 * own trials. Trials can be enqueued with fixed parameters (the papers' defaults go first).
 * With heartbeats on, a RUNNING trial whose worker stopped beating for longer than the grace
 * period is marked FAIL by the next {@code ask} of any worker and, if asked for, retried.
 * A study object is meant for one thread (its heartbeat thread only touches the storage).
 */
public final class Study implements AutoCloseable {

    /** System attribute holding an enqueued trial's fixed parameters. */
    public static final String FIXED_PARAMS = "fixed_params";
    /** System attribute naming the trial a retried trial repeats. */
    public static final String RETRY_OF = "retry_of";
    /** System attribute counting how many times a trial's parameters have been retried. */
    public static final String RETRY_COUNT = "retry_count";

    private final Storage storage;
    private final StudyInfo info;
    private final Sampler sampler;
    private final Pruner pruner;
    private final Clock clock;
    private final Duration heartbeatInterval;
    private final Duration gracePeriod;
    private final int maxRetries;
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService heartbeats;
    private volatile boolean stopRequested;
    private volatile RuntimeException heartbeatFailure;

    private Study(Builder b, StudyInfo info) {
        this.storage = b.storage;
        this.info = info;
        this.sampler = b.samplerOrDefault();
        this.pruner = b.pruner;
        this.clock = b.clock;
        this.heartbeatInterval = b.heartbeatInterval;
        this.gracePeriod = b.gracePeriod;
        this.maxRetries = b.maxRetries;
    }

    /** A builder for a study named {@code name} in {@code storage}. */
    public static Builder builder(Storage storage, String name) {
        return new Builder(storage, name);
    }

    /** Builds a study: {@code setX} fields are required, {@code optX} optional (DJL's convention). */
    public static final class Builder {
        private final Storage storage;
        private final String name;
        private StudyDirection direction = StudyDirection.MINIMIZE;
        private Sampler sampler;
        private Pruner pruner = new NopPruner();
        private Clock clock = Clock.systemUTC();
        private Duration heartbeatInterval;
        private Duration gracePeriod;
        private int maxRetries;

        private Builder(Storage storage, String name) {
            this.storage = Objects.requireNonNull(storage, "storage");
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("study name must not be blank, got '" + name + "'");
            }
            this.name = name;
        }

        public Builder optDirection(StudyDirection direction) {
            this.direction = Objects.requireNonNull(direction, "direction");
            return this;
        }

        /** The sampler; a {@link RandomSampler} seeded 0 when not set. */
        public Builder optSampler(Sampler sampler) {
            this.sampler = Objects.requireNonNull(sampler, "sampler");
            return this;
        }

        public Builder optPruner(Pruner pruner) {
            this.pruner = Objects.requireNonNull(pruner, "pruner");
            return this;
        }

        public Builder optClock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Heartbeats every {@code interval} for this worker's running trials; trials of any worker
         * silent for longer than {@code grace} are failed, and their parameters enqueued again up to
         * {@code maxRetries} times (0: never; a configuration that kills its worker is not retried
         * for ever). Every worker of a study should use the same settings.
         */
        public Builder optHeartbeat(Duration interval, Duration grace, int maxRetries) {
            if (interval == null || interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("heartbeat interval must be positive, got " + interval);
            }
            if (grace == null || grace.compareTo(interval) <= 0) {
                throw new IllegalArgumentException("grace period must be longer than the heartbeat interval "
                        + interval + ", got " + grace);
            }
            this.heartbeatInterval = interval;
            this.gracePeriod = grace;
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must be >= 0, got " + maxRetries);
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /** Creates the study; an {@link IllegalArgumentException} if the name is taken. */
        public Study create() {
            return new Study(this, storage.createStudy(name, direction));
        }

        /** Loads the existing study (its stored direction wins); an {@link IllegalArgumentException} if there is none. */
        public Study load() {
            StudyInfo found = storage.findStudy(name).orElseThrow(() -> new IllegalArgumentException(
                    "no study named '" + name + "' in this storage"));
            return new Study(this, found);
        }

        /** Loads the study, or creates it when missing: how a worker joins or resumes a study. */
        public Study createOrLoad() {
            return new Study(this, storage.createStudyIfAbsent(name, direction));
        }

        private Sampler samplerOrDefault() {
            return sampler == null ? new RandomSampler(0) : sampler;
        }
    }

    public String name() {
        return info.name();
    }

    public long studyId() {
        return info.studyId();
    }

    public StudyDirection direction() {
        return info.direction();
    }

    public Storage storage() {
        return storage;
    }

    public Sampler sampler() {
        return sampler;
    }

    public Pruner pruner() {
        return pruner;
    }

    Instant now() {
        return clock.instant();
    }

    /** All trials, by number. */
    public List<FrozenTrial> trials() {
        return storage.trials(info.studyId());
    }

    /** Trials in the given states, by number. */
    public List<FrozenTrial> trials(Set<TrialState> states) {
        return trials().stream().filter(t -> states.contains(t.state())).toList();
    }

    /** The COMPLETE trial with the best value (the lowest number among ties), if any. */
    public Optional<FrozenTrial> bestTrial() {
        Comparator<FrozenTrial> byLoss = Comparator.comparingDouble(t -> direction().toLoss(t.value()));
        return trials().stream().filter(t -> t.state() == TrialState.COMPLETE)
                .min(byLoss.thenComparingInt(FrozenTrial::number));
    }

    public void setUserAttr(String key, Object value) {
        storage.setStudyUserAttr(info.studyId(), key, value);
    }

    public Map<String, Object> userAttrs() {
        return storage.studyUserAttrs(info.studyId());
    }

    /**
     * Adds a trial whose parameters named here take these values whoever claims it (Optuna's
     * {@code enqueue_trial}); parameters not named are sampled as usual.
     */
    public FrozenTrial enqueueTrial(Map<String, ?> params) {
        return storage.enqueueTrial(info.studyId(), Map.of(FIXED_PARAMS, new LinkedHashMap<>(params)));
    }

    /** Asks the study to stop after the current trial of {@link #optimize} (used by the grid sampler). */
    public void stop() {
        stopRequested = true;
    }

    public boolean isStopRequested() {
        return stopRequested;
    }

    /** Starts a trial: fails stale trials first (with heartbeats on), then claims or creates one. */
    public Trial ask() {
        failStaleTrials();
        Instant now = now();
        FrozenTrial claimed = storage.claimOrCreateTrial(info.studyId(), now, heartbeatInterval == null ? null : now);
        if (heartbeatInterval != null) {
            running.add(claimed.trialId());
            startHeartbeats();
        }
        try {
            sampler.beforeTrial(this, claimed);
            Map<String, Distribution> space = sampler.inferRelativeSearchSpace(this, claimed);
            Map<String, Double> relative = space.isEmpty() ? Map.of() : sampler.sampleRelative(this, claimed, space);
            return new Trial(this, claimed, space, relative);
        } catch (RuntimeException e) {
            // the trial is claimed: record why it never ran rather than leave it RUNNING
            running.remove(claimed.trialId());
            storage.finishTrial(claimed.trialId(), TrialState.FAIL, null, "the sampler failed: " + e, now());
            throw e;
        }
    }

    /**
     * With heartbeats on, marks FAIL every RUNNING trial whose worker has not beaten for longer than
     * the grace period and, while its retries last, enqueues a trial with the same parameters. {@link #ask()}
     * does this first; a worker waiting for other workers' trials calls it to notice dead ones.
     *
     * @return the trials marked FAIL
     */
    public List<FrozenTrial> failStaleTrials() {
        if (gracePeriod == null) {
            return List.of();
        }
        List<FrozenTrial> dead = storage.failStaleTrials(info.studyId(), gracePeriod, now());
        for (FrozenTrial trial : dead) {
            sampler.afterTrial(this, trial);
            int retries = trial.systemAttrs().get(RETRY_COUNT) instanceof Number n ? n.intValue() : 0;
            if (retries < maxRetries) {
                Map<String, Object> attrs = new LinkedHashMap<>();
                attrs.put(FIXED_PARAMS, new LinkedHashMap<>(trial.params()));
                attrs.put(RETRY_OF, trial.number());
                attrs.put(RETRY_COUNT, retries + 1);
                storage.enqueueTrial(info.studyId(), attrs);
            }
        }
        return dead;
    }

    private synchronized void startHeartbeats() {
        if (heartbeats == null) {
            heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "metatune-heartbeat-" + info.name());
                t.setDaemon(true);
                return t;
            });
            long ms = heartbeatInterval.toMillis();
            heartbeats.scheduleAtFixedRate(this::beat, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    private void beat() {
        Instant now = now();
        try {
            for (Long id : running) {
                storage.recordHeartbeat(id, now);
            }
            heartbeatFailure = null;
        } catch (RuntimeException e) {
            // keep beating: an exception would cancel every later beat and get live trials failed as dead
            heartbeatFailure = e;
        }
    }

    /** The error of the latest heartbeat, if it failed (the next beat tries again). */
    public Optional<RuntimeException> heartbeatFailure() {
        return Optional.ofNullable(heartbeatFailure);
    }

    /** Finishes a trial as COMPLETE with {@code value}; a NaN value makes it FAIL. */
    public FrozenTrial tell(Trial trial, double value) {
        if (Double.isNaN(value)) {
            return finish(trial, TrialState.FAIL, null, "the objective returned NaN");
        }
        return finish(trial, TrialState.COMPLETE, value, null);
    }

    /** Finishes a trial as PRUNED (its value is its last intermediate value) or FAIL. */
    public FrozenTrial tell(Trial trial, TrialState state) {
        if (state == TrialState.PRUNED) {
            Long last = trial.snapshot().lastStep();
            return finish(trial, state, last == null ? null : trial.snapshot().intermediateValues().get(last), null);
        }
        return finish(trial, state, null, state == TrialState.FAIL ? "failed (told by the caller)" : null);
    }

    /** Finishes a trial as FAIL with a reason. */
    public FrozenTrial tellFail(Trial trial, String reason) {
        return finish(trial, TrialState.FAIL, null, reason);
    }

    private FrozenTrial finish(Trial trial, TrialState state, Double value, String reason) {
        if (trial.study() != this) {
            throw new IllegalArgumentException("trial " + trial.number() + " belongs to another study object");
        }
        try {
            FrozenTrial done = storage.finishTrial(trial.trialId(), state, value, reason, now());
            sampler.afterTrial(this, done);
            return done;
        } finally {
            running.remove(trial.trialId());
        }
    }

    /** {@link #optimize(Objective, int, Duration)} with no time limit. */
    public void optimize(Objective objective, int nTrials) {
        optimize(objective, nTrials, null);
    }

    /**
     * Runs up to {@code nTrials} trials (or until {@code timeout}, or until the sampler stops the
     * study): pruning maps to PRUNED, an exception to FAIL with its message, and the loop goes on.
     * Errors ({@link Error}) are recorded as FAIL and then rethrown.
     */
    public void optimize(Objective objective, int nTrials, Duration timeout) {
        Objects.requireNonNull(objective, "objective");
        if (nTrials < 1) {
            throw new IllegalArgumentException("nTrials must be >= 1, got " + nTrials);
        }
        stopRequested = false;
        Instant deadline = timeout == null ? null : now().plus(timeout);
        for (int i = 0; i < nTrials && !stopRequested; i++) {
            if (deadline != null && !now().isBefore(deadline)) {
                break;
            }
            runOne(objective);
        }
    }

    private void runOne(Objective objective) {
        Trial trial = ask();
        double value;
        try {
            value = objective.evaluate(trial);
        } catch (TrialPrunedException e) {
            tell(trial, TrialState.PRUNED);
            return;
        } catch (Exception e) {
            tellFail(trial, e.toString());
            return;
        } catch (Error e) {
            tellFail(trial, e.toString());
            throw e;
        }
        tell(trial, value);
    }

    /** Stops the heartbeat thread; the storage stays open (it belongs to the caller). */
    @Override
    public synchronized void close() {
        if (heartbeats != null) {
            heartbeats.shutdownNow();
            heartbeats = null;
        }
    }
}
