package dev.metatune.hpo;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The heartbeat thread of one {@link Study} object: every interval it records a heartbeat for each
 * trial this process is running. The first failed write is kept (a worker whose storage failed once
 * must not train on while other workers may reap its trial); the thread goes on beating, so an
 * exception never cancels the later beats of live trials.
 */
final class Heartbeats implements AutoCloseable {

    private final Storage storage;
    private final Clock clock;
    private final Duration interval;
    private final String threadName;
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService executor;
    private volatile RuntimeException failure;

    Heartbeats(Storage storage, Clock clock, Duration interval, String study) {
        this.storage = storage;
        this.clock = clock;
        this.interval = interval;
        this.threadName = "metatune-heartbeat-" + study;
    }

    /** Beats for {@code trialId} from now on (starting the thread on the first call). */
    synchronized void add(long trialId) {
        running.add(trialId);
        if (executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, threadName);
                t.setDaemon(true);
                return t;
            });
            long ms = interval.toMillis();
            executor.scheduleAtFixedRate(this::beat, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    void remove(long trialId) {
        running.remove(trialId);
    }

    private void beat() {
        try {
            for (Long id : running) {
                storage.recordHeartbeat(id, clock.instant());
            }
        } catch (RuntimeException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }

    /** The first heartbeat write that failed, if any did. */
    Optional<RuntimeException> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
