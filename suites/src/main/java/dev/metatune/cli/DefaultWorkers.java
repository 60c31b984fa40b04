package dev.metatune.cli;

import dev.metatune.suite.StudyPlan;
import dev.metatune.suite.Suite;
import java.util.List;

/**
 * How many worker processes {@code metatune run} starts when {@code --workers} is not given. On a CPU,
 * two one-thread worker processes finished the quickstart 5% faster than one process with two
 * threads on a 2-core machine (results/reference/workers-vs-threads.csv: 99.2 s against 104.8 s,
 * medians of three interleaved rounds): two single-threaded trials side by side use the cores better
 * than one trial's operators split over two threads. So a CPU run with at least two threads takes
 * two workers, splitting the threads between them, wherever two workers can share the work:
 * <ul>
 *   <li>the storage is one that two processes can share (a SQLite file or a server, not {@code memory});</li>
 *   <li>every study has at least two trials to run side by side (tuning trials, or the final
 *       evaluation's seeds where nothing is tuned): workers go through the studies in order and wait
 *       for each other's trials, so a one-trial study would run on one thread while the other waits;</li>
 *   <li>the algorithms are the registered ones, which a worker process loads for itself.</li>
 * </ul>
 * Otherwise, and on GPUs (one worker per GPU that {@code --device} names), the default is one.
 */
final class DefaultWorkers {

    /** Workers of the CPU default where the conditions above hold. */
    static final int CPU_WORKERS = 2;

    private DefaultWorkers() {
    }

    /**
     * The default number of workers.
     *
     * @param suite                the loaded suite
     * @param device               the run's device as {@code --device} takes it ({@code cpu}, {@code gpu}, ...)
     * @param storage              the run's storage string ({@code memory}, {@code sqlite:...}, a JDBC URL)
     * @param threads              the PyTorch threads the run may use, all workers together
     * @param registeredAlgorithms whether the run uses the registered algorithms (worker processes load
     *                             those; a registry given in process cannot travel to them)
     */
    static int of(Suite suite, String device, String storage, int threads, boolean registeredAlgorithms) {
        boolean cpu = device == null || device.trim().equalsIgnoreCase("cpu");
        if (!cpu || threads < CPU_WORKERS || storage.equals("memory") || !registeredAlgorithms) {
            return 1;
        }
        return minimumParallelTrials(suite.studies(), suite.seeds().size()) >= CPU_WORKERS ? CPU_WORKERS : 1;
    }

    /** The fewest trials any study can run side by side: its tuning trials, or its seeds where nothing is searched. */
    static int minimumParallelTrials(List<StudyPlan> studies, int seeds) {
        int fewest = Integer.MAX_VALUE;
        for (StudyPlan plan : studies) {
            int trials = plan.algorithm().search().isEmpty() ? seeds : plan.trials();
            fewest = Math.min(fewest, trials);
        }
        return fewest;
    }

    /** The line a run prints when it took the default: what was chosen and how to choose otherwise. */
    static String announcement(int workers, int threadsEach) {
        return "metatune: " + workers + " worker processes of " + threadsEach + " thread" + (threadsEach == 1 ? "" : "s")
                + " each (the CPU default where every study has trials to share; --workers 1 runs one process)";
    }
}
