package dev.metatune.hpo;

import dev.metatune.space.Distribution;
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

/**
 * A named optimisation over a {@link Storage}, shaped after Optuna's {@code Study} (Akiba et al.
 * 2019): {@link #ask()} starts a trial, {@link #tell} finishes it, and {@link #optimize} is built
 * on the two ({@link StudyWorker} is the loop that a worker of a shared study runs). Several
 * processes may work on one study through a shared storage; each claims its own trials. Trials can be enqueued with fixed parameters (the papers' defaults go first).
 * With heartbeats on, a RUNNING trial whose worker stopped beating for longer than the grace
 * period is marked FAIL by the next {@code ask} of any worker and, if asked for, retried.
 * A study object is meant for one thread (its heartbeat thread only touches the storage). When a
 * heartbeat write fails, the running trial's next call into {@link Trial} throws
 * {@link HeartbeatFailedException}.
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
    private final Heartbeats heartbeats;
    private final PriorTrials prior;
    private volatile boolean stopRequested;

    private Study(Builder b, StudyInfo info) {
        this.storage = b.storage;
        this.info = info;
        this.sampler = b.sampler;
        this.pruner = b.pruner;
        this.clock = b.clock;
        this.heartbeatInterval = b.heartbeatInterval;
        this.gracePeriod = b.gracePeriod;
        this.maxRetries = b.maxRetries;
        this.prior = b.prior;
        this.heartbeats = b.heartbeatInterval == null ? null
                : new Heartbeats(b.storage, b.clock, b.heartbeatInterval, info.name());
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
        private Pruner pruner = Pruner.NONE;
        private Clock clock = Clock.systemUTC();
        private Duration heartbeatInterval;
        private Duration gracePeriod;
        private int maxRetries;
        private PriorTrials prior = PriorTrials.NONE;

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

        /** The sampler (required). */
        public Builder setSampler(Sampler sampler) {
            this.sampler = Objects.requireNonNull(sampler, "sampler");
            return this;
        }

        /** The pruner; {@link Pruner#NONE} when not set. */
        public Builder optPruner(Pruner pruner) {
            this.pruner = Objects.requireNonNull(pruner, "pruner");
            return this;
        }

        /**
         * Trials of earlier studies for the sampler to use as a prior (a warm start); none when not
         * set. They are never stored in this study nor counted as its trials: a sampler that
         * {@link Sampler#usesPrior() uses a prior} reads them from {@link Study#prior()}.
         */
        public Builder optPrior(PriorTrials prior) {
            this.prior = Objects.requireNonNull(prior, "prior");
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
            requireSampler();
            return new Study(this, storage.createStudy(name, direction));
        }

        /** Loads the existing study (its stored direction wins); an {@link IllegalArgumentException} if there is none. */
        public Study load() {
            requireSampler();
            StudyInfo found = storage.findStudy(name).orElseThrow(() -> new IllegalArgumentException(
                    "no study named '" + name + "' in this storage"));
            return new Study(this, found);
        }

        /** Loads the study, or creates it when missing: how a worker joins or resumes a study. */
        public Study createOrLoad() {
            requireSampler();
            return new Study(this, storage.createStudyIfAbsent(name, direction));
        }

        private void requireSampler() {
            if (sampler == null) {
                throw new IllegalStateException("study '" + name + "' needs a sampler: call setSampler before building it");
            }
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

    /** The trials of earlier studies given as a prior ({@link PriorTrials#NONE} for a cold start). */
    public PriorTrials prior() {
        return prior;
    }

    Instant now() {
        return clock.instant();
    }

    /** How long a RUNNING trial may go without a heartbeat before it is failed as dead; empty without heartbeats. */
    public Optional<Duration> heartbeatGrace() {
        return Optional.ofNullable(gracePeriod);
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

    /**
     * Asks this study object to start no more trials: {@link #optimize} and {@link StudyWorker} stop
     * after the current one. The request lasts for the life of the object.
     */
    public void stop() {
        stopRequested = true;
    }

    public boolean isStopRequested() {
        return stopRequested;
    }

    /** Starts a trial: fails stale trials first (with heartbeats on), then claims or creates one. */
    public Trial ask() {
        return ask(Integer.MAX_VALUE).orElseThrow();
    }

    /**
     * Starts a trial: fails stale trials first (with heartbeats on), then claims the oldest WAITING
     * trial or, when there is none, creates one if its number would be below {@code numberLimit}
     * (atomically, whichever worker asks); empty otherwise. A worker computes the limit from one
     * snapshot of the trials, so that no race between workers overshoots a budget or a grid.
     */
    public Optional<Trial> ask(int numberLimit) {
        requireHeartbeat();
        failStaleTrials();
        Instant now = now();
        Optional<FrozenTrial> got = storage.claimOrCreateTrial(info.studyId(), now,
                heartbeatInterval == null ? null : now, numberLimit);
        if (got.isEmpty()) {
            return Optional.empty();
        }
        FrozenTrial claimed = got.get();
        if (heartbeats != null) {
            heartbeats.add(claimed.trialId());
        }
        try {
            sampler.beforeTrial(this, claimed);
            Map<String, Distribution> space = sampler.inferRelativeSearchSpace(this, claimed);
            Map<String, Double> relative = space.isEmpty() ? Map.of() : sampler.sampleRelative(this, claimed, space);
            return Optional.of(new Trial(this, claimed, space, relative));
        } catch (RuntimeException e) {
            // the trial is claimed: record why it never ran rather than leave it RUNNING
            forget(claimed.trialId());
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

    /** The first heartbeat write that failed, if one did (the trial should stop: see {@link HeartbeatFailedException}). */
    public Optional<RuntimeException> heartbeatFailure() {
        return heartbeats == null ? Optional.empty() : heartbeats.failure();
    }

    /** Throws {@link HeartbeatFailedException} once a heartbeat write has failed. */
    void requireHeartbeat() {
        Optional<RuntimeException> failure = heartbeatFailure();
        if (failure.isPresent()) {
            throw new HeartbeatFailedException(info.name(), failure.get());
        }
    }

    private void forget(long trialId) {
        if (heartbeats != null) {
            heartbeats.remove(trialId);
        }
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
            forget(trial.trialId());
        }
    }

    /** {@link #optimize(Objective, int, Duration)} with no time limit. */
    public void optimize(Objective objective, int nTrials) {
        optimize(objective, nTrials, null);
    }

    /**
     * Runs up to {@code nTrials} more trials in this call (or until {@code timeout}, a {@link #stop()},
     * or the sampler has no trial left: a grid that every point has been taken from): pruning maps to
     * PRUNED, an exception to FAIL with its message, and the loop goes on. Errors ({@link Error}) and
     * a {@link HeartbeatFailedException} end the trial FAIL and are rethrown. {@link StudyWorker} is
     * the loop for a budget shared by several workers.
     */
    public void optimize(Objective objective, int nTrials, Duration timeout) {
        Objects.requireNonNull(objective, "objective");
        if (nTrials < 1) {
            throw new IllegalArgumentException("nTrials must be >= 1, got " + nTrials);
        }
        Instant deadline = timeout == null ? null : now().plus(timeout);
        int run = 0;
        while (run < nTrials && !stopRequested && (deadline == null || now().isBefore(deadline))) {
            List<FrozenTrial> all = trials();
            long remaining = sampler.remainingTrials(this, all);
            boolean waiting = all.stream().anyMatch(t -> t.state() == TrialState.WAITING);
            if (remaining <= 0 && !waiting) {
                break;
            }
            Optional<Trial> trial = ask(StudyWorker.numberLimit(all, remaining, Long.MAX_VALUE));
            if (trial.isPresent()) {
                TrialRun.run(this, trial.get(), objective);
                run++;
            }
        }
    }

    /** Stops the heartbeat thread; the storage stays open (it belongs to the caller). */
    @Override
    public void close() {
        if (heartbeats != null) {
            heartbeats.close();
        }
    }
}
