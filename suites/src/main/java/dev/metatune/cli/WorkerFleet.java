package dev.metatune.cli;

import dev.metatune.eval.ProgressListener;
import dev.metatune.run.CpuProfile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The worker processes of {@code metatune run --workers N}: each is this application again (the
 * same Java, JVM options and class path), running {@code run SUITE --resume --worker} on the
 * run's storage with its own {@code --device} and {@code --threads}. Their output comes back line
 * by line, prefixed with the worker's number; the combined progress is polled from the storage.
 * Killing one worker loses only its current trial (the others rerun it after the heartbeat grace);
 * stopping this process (Ctrl-C, SIGTERM) stops every worker first, so none is left behind.
 */
final class WorkerFleet {

    /** The JVM system property through which the launcher gives PyTorch its intra-op threads. */
    static final String THREADS_PROPERTY = CpuProfile.THREADS_PROPERTY;

    /** One worker: its number, device and PyTorch threads. */
    record Worker(int id, String device, int threads) {
    }

    private final List<String> runArgs;
    private final List<Worker> workers;
    private final PrintStream err;
    private final ProgressListener progress;
    private final Supplier<long[]> probe;
    private final Duration pollEvery;

    /**
     * @param runArgs   the arguments of {@code run} every worker gets (suite, {@code --out}, data options), without
     *                  {@code --device}, {@code --threads} and {@code --workers}
     * @param probe     (done, total) of the run as the storage holds it, or null while it cannot be read
     * @param pollEvery how often the progress is polled
     */
    WorkerFleet(List<String> runArgs, List<Worker> workers, PrintStream err, ProgressListener progress,
                Supplier<long[]> probe, Duration pollEvery) {
        if (workers.isEmpty()) {
            throw new IllegalArgumentException("a fleet needs at least one worker");
        }
        this.runArgs = List.copyOf(runArgs);
        this.workers = List.copyOf(workers);
        this.err = err;
        this.progress = progress;
        this.probe = probe;
        this.pollEvery = pollEvery;
    }

    /** The command line that starts {@code worker}. */
    List<String> command(Worker worker) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!arg.startsWith("-D" + THREADS_PROPERTY + "=") && !arg.startsWith("-agentlib:jdwp")) {
                cmd.add(arg);
            }
        }
        cmd.add("-D" + THREADS_PROPERTY + "=" + worker.threads());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.add("run");
        cmd.addAll(runArgs);
        cmd.addAll(List.of("--resume", "--worker", "--device", worker.device(), "--threads", String.valueOf(worker.threads())));
        return cmd;
    }

    /** Starts every worker, waits for all of them and returns their exit codes, by worker number. */
    List<Integer> run() throws IOException, InterruptedException {
        List<Process> processes = new ArrayList<>();
        Thread stopAll = new Thread(() -> stop(processes), "metatune-stop-workers");
        Runtime.getRuntime().addShutdownHook(stopAll);
        List<Thread> readers = new ArrayList<>();
        try {
            for (Worker w : workers) {
                Process p;
                synchronized (processes) {
                    p = new ProcessBuilder(command(w)).redirectErrorStream(true).start();
                    processes.add(p);
                }
                err.printf(Locale.ROOT, "metatune: worker %d started (pid %d, device %s, %d thread(s))%n", w.id(), p.pid(),
                        w.device(), w.threads());
                Thread reader = new Thread(() -> forward(w.id(), p), "metatune-worker-" + w.id() + "-output");
                reader.setDaemon(true);
                reader.start();
                readers.add(reader);
            }
            List<Integer> codes = new ArrayList<>();
            for (Process p : processes) {
                while (!p.waitFor(pollEvery.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    report(processes);
                }
                codes.add(p.exitValue());
            }
            for (Thread r : readers) {
                r.join(5_000);
            }
            report(processes);
            return codes;
        } finally {
            stop(processes);
            try {
                Runtime.getRuntime().removeShutdownHook(stopAll);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it stops the workers
            }
        }
    }

    private void report(List<Process> processes) {
        long[] doneTotal = probe.get();
        if (doneTotal != null) {
            long alive = processes.stream().filter(Process::isAlive).count();
            progress.progress(doneTotal[0], doneTotal[1], alive + "/" + workers.size() + " workers running");
        }
    }

    private void forward(int id, Process p) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (err) {
                    err.println("[worker " + id + "] " + line);
                    err.flush();
                }
            }
        } catch (IOException gone) {
            // the worker ended: nothing more to read
        }
    }

    /** Asks every live worker to stop (SIGTERM), then kills those still alive after 10 s. */
    private static void stop(List<Process> processes) {
        List<Process> live;
        synchronized (processes) {
            live = processes.stream().filter(Process::isAlive).toList();
        }
        live.forEach(Process::destroy);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        for (Process p : live) {
            try {
                long left = Math.max(1, deadline - System.nanoTime());
                if (!p.waitFor(left, java.util.concurrent.TimeUnit.NANOSECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
