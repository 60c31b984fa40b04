package dev.metatune.algorithms.maml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.algorithms.backbone.Conv4;
import dev.metatune.data.ImageEpisodeSource;
import dev.metatune.data.synthetic.SyntheticImagePool;
import dev.metatune.task.Episode;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.TaskSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Native memory stays flat over 2,000 exact second-order MAML steps: the learner's array count does
 * not change and the process's resident memory does not grow. (Differentiating with create_graph
 * through the engine's backward would leave a graph in every parameter's {@code .grad}; on this
 * network that would be tens of KB per task, tens of MB over the run.)
 */
class SecondOrderLeakTest {

    private static final int STEPS = 2_000;
    /** Steps before the first measurement: Java direct buffers behind input arrays are freed only by the
     * garbage collector, and the memory they return is reused rather than given back to the system, so
     * resident memory first rises to a plateau. */
    private static final int WARMUP = 1_000;
    private static final long MAX_GROWTH_KB = 24 * 1024;

    @Test
    void nativeMemoryStaysFlatOver2000SecondOrderSteps() throws IOException {
        TaskSpec spec = new TaskSpec(3, 1, 2);
        EpisodeSource source = new ImageEpisodeSource(new SyntheticImagePool(12, 6, 16, 4, 0.05, 8), spec, 8, "synthetic/train");
        List<Episode> episodes = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            episodes.add(source.episode(i));
        }
        MamlConfig config = new MamlConfig(0.4, 1, 1, 1, 1e-3, 8, Conv4.Variant.STRIDED, 8, true, false, 0);
        // the production learner: a strided Conv-4 with 8 filters on 16x16 images and a 3-way head
        try (MamlLearner learner = MamlTestSupport.learner(config, source, 1)) {
            long arraysAtWarmup = -1;
            long rssAtWarmup = -1;
            for (int s = 0; s < STEPS; s++) {
                learner.metaTrainStep(List.of(episodes.get(s % episodes.size())));
                if (s == WARMUP) {
                    System.gc();
                    arraysAtWarmup = learner.liveArrays();
                    rssAtWarmup = rssKb();
                }
            }
            System.gc();
            long arrays = learner.liveArrays();
            long rss = rssKb();
            System.out.printf("second-order leak test: %d steps, arrays %d -> %d, RSS %d kB -> %d kB (%+d kB)%n", STEPS,
                    arraysAtWarmup, arrays, rssAtWarmup, rss, rss - rssAtWarmup);
            assertEquals(arraysAtWarmup, arrays, "the learner's arrays grew");
            assertTrue(rss - rssAtWarmup < MAX_GROWTH_KB, "resident memory grew by " + (rss - rssAtWarmup) + " kB over "
                    + (STEPS - WARMUP) + " second-order steps");
        }
    }

    /** VmRSS of this process from /proc/self/status (Linux). */
    private static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS in /proc/self/status");
    }
}
