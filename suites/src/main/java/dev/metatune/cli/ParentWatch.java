package dev.metatune.cli;

import java.time.Duration;
import java.util.Optional;

/**
 * Ends a worker process whose parent ({@code metatune run --workers}) is gone, so that a parent
 * killed outright (SIGKILL, which runs no shutdown hook) leaves no worker behind: the trial it was
 * running is rerun by the next worker after the heartbeat grace.
 */
final class ParentWatch {

    private ParentWatch() {
    }

    /** Starts a daemon thread that exits this JVM (status 143) once its parent has ended. */
    static void start(Duration every) {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        if (parent.isEmpty()) {
            return;
        }
        ProcessHandle p = parent.get();
        Thread watch = new Thread(() -> {
            while (p.isAlive()) {
                try {
                    Thread.sleep(every.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.err.println("metatune: the process that started this worker ended; stopping");
            System.exit(143);
        }, "metatune-parent-watch");
        watch.setDaemon(true);
        watch.start();
    }
}
