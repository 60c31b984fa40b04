package dev.metatune.algorithms.training;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Threads that compute the independent tasks of a meta-batch side by side on CPU, each running the
 * engine single-threaded. On a few cores this beats running one task at a time with every operation
 * split over all cores: the operations of one few-shot task are small, and splitting each of them
 * costs a fork-join handshake per operation (about a fifth of a MAML step on 2 cores went to threads
 * waiting on each other), while whole tasks need no coordination until their gradients are summed.
 *
 * <p>There are as many workers as the engine has intra-op threads on the creating thread (the
 * {@code --threads} of the command line), at most {@code maxParallel}; on a GPU, or with one
 * thread, there are none and jobs run on the calling thread. Job {@code k} of {@link #run} always
 * runs on worker {@code k}, so results are the same from run to run. Each worker sets its own
 * thread's engine parallelism to 1 (a per-thread setting of libtorch's OpenMP runtime); the
 * engine's default for threads created later is restored right after, so nothing outside changes.
 */
public final class TaskWorkers implements AutoCloseable {

    private final List<ExecutorService> workers;

    private TaskWorkers(List<ExecutorService> workers) {
        this.workers = workers;
    }

    /** Workers for tasks computed on {@code device}, at most {@code maxParallel} of them. */
    public static TaskWorkers create(Device device, int maxParallel, String name) {
        int engineThreads = JniUtils.getNumThreads();
        int count = device.isGpu() ? 1 : Math.min(engineThreads, maxParallel);
        if (count <= 1) {
            return new TaskWorkers(List.of());
        }
        List<ExecutorService> workers = new ArrayList<>(count);
        try {
            for (int k = 0; k < count; k++) {
                String threadName = name + "-task-worker-" + k;
                ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, threadName);
                    t.setDaemon(true);
                    return t;
                });
                workers.add(worker);
                // the first engine call initialises the thread's parallelism from the engine default;
                // only then can it be set to 1 for this thread
                int threads = getUninterruptibly(worker.submit(() -> {
                    JniUtils.getNumThreads();
                    JniUtils.setNumThreads(1);
                    return JniUtils.getNumThreads();
                }));
                if (threads != 1) {
                    throw new IllegalStateException("a task worker runs the engine with " + threads + " threads, not 1");
                }
            }
        } catch (RuntimeException | Error e) {
            workers.forEach(ExecutorService::shutdownNow);
            throw e;
        } finally {
            // setting a thread's parallelism also set the default for threads created later; restore it
            JniUtils.setNumThreads(engineThreads);
        }
        return new TaskWorkers(List.copyOf(workers));
    }

    /** How many jobs {@link #run} computes at once (1: on the calling thread). */
    public int parallelism() {
        return Math.max(1, workers.size());
    }

    /**
     * Runs the jobs, job {@code k} on worker {@code k} (at most {@link #parallelism()} jobs), and
     * returns their results in order once every job has finished, also when one fails: the first
     * failure is then thrown, after the others are done with whatever memory they use. An interrupt
     * while waiting is kept for the caller and reported once the jobs are done.
     */
    public <R> List<R> run(List<? extends Callable<R>> jobs) {
        if (jobs.size() > parallelism()) {
            throw new IllegalArgumentException(jobs.size() + " jobs for " + parallelism() + " workers");
        }
        List<R> results = new ArrayList<>(jobs.size());
        if (workers.isEmpty()) {
            for (Callable<R> job : jobs) {
                results.add(call(job));
            }
            return results;
        }
        List<Future<R>> futures = new ArrayList<>(jobs.size());
        for (int k = 0; k < jobs.size(); k++) {
            futures.add(workers.get(k).submit(jobs.get(k)));
        }
        RuntimeException failure = null;
        for (Future<R> f : futures) {
            try {
                results.add(getUninterruptibly(f));
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }

    private static <R> R call(Callable<R> job) {
        try {
            return job.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Waits for {@code f} however often interrupted, then restores the interrupt flag. */
    private static <R> R getUninterruptibly(Future<R> f) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(cause.getMessage(), cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        for (ExecutorService w : workers) {
            w.shutdown();
        }
        for (ExecutorService w : workers) {
            try {
                if (!w.awaitTermination(1, TimeUnit.MINUTES)) {
                    w.shutdownNow();
                }
            } catch (InterruptedException e) {
                w.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
