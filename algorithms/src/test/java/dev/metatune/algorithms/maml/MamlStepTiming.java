package dev.metatune.algorithms.maml;

import ai.djl.Device;
import dev.metatune.algorithms.backbone.Conv4;
import dev.metatune.data.ImageEpisodeSource;
import dev.metatune.data.synthetic.SyntheticImagePool;
import dev.metatune.learner.LearnerContext;
import dev.metatune.task.Episode;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.TaskSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A timing harness run by hand (not a test): seconds per MAML / FOMAML meta-step on the reference's
 * benchmark shape (Conv-4 64 filters, 28x28, 5-way 1-shot 15 queries, meta-batch 32, 1 inner step),
 * on synthetic images of Omniglot's shape; like the PyTorch peer it times episode sampling, forward,
 * backward and the Adam update, after untimed warm-up steps. Arguments: mode (maml|fomaml),
 * warm-up steps, timed steps, [meta-batch].
 * <pre>
 * java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=2 -cp ... dev.metatune.algorithms.maml.MamlStepTiming maml 3 20
 * </pre>
 */
public final class MamlStepTiming {

    private MamlStepTiming() {
    }

    public static void main(String[] args) {
        String mode = args.length > 0 ? args[0] : "maml";
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int metaBatch = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        TaskSpec spec = new TaskSpec(5, 1, 15);
        EpisodeSource source = new ImageEpisodeSource(new SyntheticImagePool(100, 20, 28, 7, 0.05, 1), spec, 1, "synthetic/train");
        MamlConfig config = new MamlConfig(0.4, 1, 3, metaBatch, 1e-3, 64, Conv4.Variant.STRIDED, 40, true,
                mode.equals("fomaml"), 0);
        LearnerContext context = new LearnerContext(Device.cpu(), source.kind(), source.exampleShape(), spec, spec,
                source.classCount(), 1);
        double[] times = new double[steps];
        long next = 0;
        try (MamlLearner learner = new MamlLearner(config, context)) {
            for (int s = 0; s < warmup + steps; s++) {
                long t0 = System.nanoTime();
                List<Episode> batch = new ArrayList<>(metaBatch);
                for (int i = 0; i < metaBatch; i++) {
                    batch.add(source.episode(next++));
                }
                var r = learner.metaTrainStep(batch);
                double dt = (System.nanoTime() - t0) / 1e9;
                System.err.printf("step %3d  loss %.4f  acc %.3f  %.3f s%s%n", s + 1, r.loss(), r.accuracy(), dt,
                        s < warmup ? "  [warm-up]" : "");
                if (s >= warmup) {
                    times[s - warmup] = dt;
                }
            }
        }
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        double median = steps % 2 == 1 ? sorted[steps / 2] : (sorted[steps / 2 - 1] + sorted[steps / 2]) / 2;
        System.out.printf("{\"impl\": \"metatune-djl\", \"mode\": \"%s\", \"meta_batch\": %d, \"median_s_per_step\": %.4f,"
                + " \"min_s\": %.4f, \"max_s\": %.4f, \"steps\": %d}%n", mode, metaBatch, median, sorted[0], sorted[steps - 1], steps);
    }
}
