package dev.metatune.cli;

import dev.metatune.eval.ProgressListener;
import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of long work on stderr: a live bar (done, rate, elapsed, ETA) when stderr is a
 * terminal, plain time-stamped log lines (at most one every {@code interval}) otherwise.
 * Stdout stays clean for {@code --json}.
 */
final class ConsoleProgress implements ProgressListener, AutoCloseable {

    private final String task;
    private final PrintStream err;
    private final boolean terminal;
    private final long intervalNanos;
    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss");

    private long start = -1;
    private ProgressBar bar;
    private long lastLine;

    ConsoleProgress(String task, PrintStream err, Duration interval) {
        this.task = task;
        this.err = err;
        this.terminal = System.console() != null && err == System.err;
        this.intervalNanos = interval.toNanos();
    }

    static ConsoleProgress onStderr(String task) {
        return new ConsoleProgress(task, System.err, Duration.ofSeconds(10));
    }

    @Override
    public void progress(long done, long total, String status) {
        if (terminal) {
            if (bar == null) {
                bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                        .setConsumer(new me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer(err))
                        .showSpeed().build();
            }
            bar.maxHint(total);
            bar.stepTo(done);
            bar.setExtraMessage(status);
            return;
        }
        long now = System.nanoTime();
        if (start < 0) {
            start = now;
            lastLine = now - intervalNanos;
        }
        if (now - lastLine >= intervalNanos || done == total) {
            lastLine = now;
            double elapsed = (now - start) / 1e9;
            double eta = done > 0 ? elapsed * (total - done) / done : Double.NaN;
            err.printf(java.util.Locale.ROOT, "%s %s %d/%d (%.0f%%) %s elapsed %s eta %s%n", TIME.format(java.time.LocalTime.now()), task, done, total, 100.0 * done / Math.max(1, total), status, clock(elapsed), clock(eta));
            err.flush();
        }
    }

    private static String clock(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        return String.format(java.util.Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
