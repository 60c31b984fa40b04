package dev.metatune.sweep;

import dev.metatune.hpo.Storage;
import dev.metatune.hpo.StudyDirection;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Which of several workers starting on one run sets a shared study up (writes its record and
 * enqueues its first trials): the one whose {@link Storage#createStudy} succeeds, an atomic step
 * in every storage. The others wait until the record is complete before they work on the study, so
 * nothing is enqueued twice. A worker that waits longer than {@link #WAIT} presumes the first one
 * died and sets the study up itself.
 */
final class FirstWorker {

    /** How long a worker waits for another worker's set-up. */
    static final Duration WAIT = Duration.ofSeconds(60);

    private FirstWorker() {
    }

    /** Creates study {@code name} unless it exists; true when this call created it. */
    static boolean create(Storage storage, String name, StudyDirection direction) {
        if (storage.findStudy(name).isPresent()) {
            return false;
        }
        try {
            storage.createStudy(name, direction);
            return true;
        } catch (IllegalArgumentException taken) {
            return false; // another worker created it meanwhile
        }
    }

    /** Waits (polling) until {@code done} holds or {@link #WAIT} passes; returns whether it holds. */
    static boolean await(BooleanSupplier done) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for another worker to set the run up", e);
            }
        }
        return true;
    }
}
