package dev.metatune.hpo;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The loop a worker runs on a study, kept apart from {@link Study} as Optuna keeps its optimize
 * loop apart from its study class. Several workers (threads or processes over one storage) may run
 * it on one study; together they run a budget of <em>counted trials</em> ({@link #countedTrials}).
 * Each turn of the loop:
 * <ol>
 *   <li>marks FAIL the trials of workers that died (no heartbeat for the study's grace period), whose
 *       parameters are enqueued again as a retry;</li>
 *   <li>runs a WAITING (enqueued) trial if there is one, whatever the budget;</li>
 *   <li>otherwise starts a new trial while the counted trials are below the budget and the sampler has
 *       trials left ({@link Sampler#remainingTrials}: a grid stops when every point is taken); the
 *       limit is applied atomically by the storage, so racing workers never overshoot it;</li>
 *   <li>otherwise, while trials of other workers are RUNNING (and heartbeats are on, so dead ones can
 *       be told apart), sleeps a while and looks again: a dead worker's trial is reaped and its retry
 *       run; a worker built with {@code optWaitForOthers(false)} ends here instead
 *       ({@link WorkerSummary.Stop#OTHERS_RUNNING}), free to work elsewhere and come back;</li>
 *   <li>otherwise ends.</li>
 * </ol>
 * The loop also ends when the study timeout passes (checked between trials) or {@link Study#stop()}
 * is called. A trial that fails is recorded FAIL and the loop goes on; an {@link Error} or a
 * {@link HeartbeatFailedException} ends the trial FAIL and stops the loop with that error.
 * Time is the study's clock; sleeping goes through an injectable {@link Sleeper}.
 */
public final class StudyWorker {

    /** Waits between looks at other workers' running trials; {@code Thread::sleep} by default. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Study study;
    private final Objective objective;
    private final int trials;
    private final Duration timeout;
    private final WorkerListener listener;
    private final Sleeper sleeper;
    private final boolean waitForOthers;

    private StudyWorker(Builder b) {
        this.study = b.study;
        this.objective = b.objective;
        this.trials = b.trials;
        this.timeout = b.timeout;
        this.listener = b.listener;
        this.sleeper = b.sleeper;
        this.waitForOthers = b.waitForOthers;
    }

    /** A builder for a worker that runs {@code objective} on {@code study}. */
    public static Builder builder(Study study, Objective objective) {
        return new Builder(study, objective);
    }

    /** Builds a worker: {@code setX} fields are required, {@code optX} optional. */
    public static final class Builder {
        private final Study study;
        private final Objective objective;
        private Integer trials;
        private Duration timeout = Duration.ZERO;
        private WorkerListener listener = WorkerListener.NONE;
        private Sleeper sleeper = d -> Thread.sleep(d.toMillis());
        private boolean waitForOthers = true;

        private Builder(Study study, Objective objective) {
            this.study = Objects.requireNonNull(study, "study");
            this.objective = Objects.requireNonNull(objective, "objective");
        }

        /**
         * The study's budget of counted trials, all workers together (required; 0 runs only the
         * enqueued trials).
         */
        public Builder setTrials(int trials) {
            if (trials < 0) {
                throw new IllegalArgumentException("trials must be >= 0, got " + trials);
            }
            this.trials = trials;
            return this;
        }

        /** How long this worker may run, from {@link #run()}; zero (the default) for no limit. */
        public Builder optTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative()) {
                throw new IllegalArgumentException("timeout must be zero (none) or positive, got " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        public Builder optListener(WorkerListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public Builder optSleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * Whether the worker, once it has nothing to start, waits for other workers' running trials
         * (true, the default: it leaves the study finished) or ends with
         * {@link WorkerSummary.Stop#OTHERS_RUNNING} (false: a worker that has other studies to go to).
         */
        public Builder optWaitForOthers(boolean waitForOthers) {
            this.waitForOthers = waitForOthers;
            return this;
        }

        public StudyWorker build() {
            if (trials == null) {
                throw new IllegalStateException("a worker of study '" + study.name() + "' needs setTrials");
            }
            return new StudyWorker(this);
        }
    }

    /**
     * Trials that count against a study's budget: every trial that started, except those that
     * failed because their worker died and were enqueued again (their retry counts instead).
     */
    public static int countedTrials(List<FrozenTrial> trials) {
        return countedTrialList(trials).size();
    }

    /** The trials of {@code trials} that count against the budget ({@link #countedTrials}), in their order. */
    public static List<FrozenTrial> countedTrialList(List<FrozenTrial> trials) {
        Set<Integer> retried = new HashSet<>();
        for (FrozenTrial t : trials) {
            if (t.systemAttrs().get(Study.RETRY_OF) instanceof Number n) {
                retried.add(n.intValue());
            }
        }
        return trials.stream().filter(t -> t.state() != TrialState.WAITING && !retried.contains(t.number())).toList();
    }

    /** The trial number below which a new trial may be created: the next number plus the new trials allowed. */
    static int numberLimit(List<FrozenTrial> all, long fromSampler, long budgetLeft) {
        long next = all.stream().mapToLong(FrozenTrial::number).max().orElse(-1) + 1;
        long fresh = Math.max(0, Math.min(fromSampler, budgetLeft));
        return fresh >= Integer.MAX_VALUE - next ? Integer.MAX_VALUE : (int) (next + fresh);
    }

    /** Runs the loop until the budget, the sampler, the timeout or a stop ends it. */
    public WorkerSummary run() {
        Instant start = study.now();
        Instant deadline = timeout.isZero() ? null : start.plus(timeout);
        int run = 0;
        int reaped = 0;
        while (true) {
            List<FrozenTrial> all = study.trials();
            if (study.isStopRequested()) {
                return summary(run, reaped, all, WorkerSummary.Stop.STOPPED, start);
            }
            if (deadline != null && !study.now().isBefore(deadline)) {
                return summary(run, reaped, all, WorkerSummary.Stop.TIMEOUT, start);
            }
            int dead = reap();
            if (dead > 0) {
                reaped += dead;
                all = study.trials();
            }
            long budgetLeft = Math.max(0, trials - countedTrials(all));
            long fromSampler = study.sampler().remainingTrials(study, all);
            boolean waiting = all.stream().anyMatch(t -> t.state() == TrialState.WAITING);
            if (waiting || (budgetLeft > 0 && fromSampler > 0)) {
                Optional<Trial> trial = study.ask(numberLimit(all, fromSampler, budgetLeft));
                if (trial.isPresent()) {
                    FrozenTrial done = TrialRun.run(study, trial.get(), objective);
                    run++;
                    listener.trialFinished(done);
                }
                continue;
            }
            Optional<Duration> grace = study.heartbeatGrace();
            if (grace.isPresent() && all.stream().anyMatch(t -> t.state() == TrialState.RUNNING)) {
                if (!waitForOthers) {
                    return summary(run, reaped, all, WorkerSummary.Stop.OTHERS_RUNNING, start);
                }
                sleep(pollInterval(grace.get()));
                continue;
            }
            WorkerSummary.Stop why = budgetLeft > 0 ? WorkerSummary.Stop.SAMPLER_EXHAUSTED : WorkerSummary.Stop.BUDGET_USED;
            return summary(run, reaped, all, why, start);
        }
    }

    /** How long to sleep while other workers' trials run: half the grace period, at most 2 s. */
    static Duration pollInterval(Duration grace) {
        Duration half = grace.dividedBy(2);
        return half.compareTo(Duration.ofSeconds(2)) > 0 ? Duration.ofSeconds(2) : half;
    }

    private int reap() {
        List<FrozenTrial> dead = study.failStaleTrials();
        if (dead.isEmpty()) {
            return 0;
        }
        Set<Integer> retried = new HashSet<>();
        for (FrozenTrial t : study.trials()) {
            if (t.systemAttrs().get(Study.RETRY_OF) instanceof Number n) {
                retried.add(n.intValue());
            }
        }
        for (FrozenTrial t : dead) {
            listener.trialReaped(t, retried.contains(t.number()));
        }
        return dead.size();
    }

    private void sleep(Duration d) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("study '" + study.name() + "': interrupted while waiting for other workers' trials", e);
        }
    }

    private WorkerSummary summary(int run, int reaped, List<FrozenTrial> all, WorkerSummary.Stop stop, Instant start) {
        return new WorkerSummary(run, reaped, countedTrials(all), stop, Duration.between(start, study.now()));
    }
}
