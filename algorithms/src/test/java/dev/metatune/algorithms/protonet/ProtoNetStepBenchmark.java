package dev.metatune.algorithms.protonet;

import ai.djl.Device;
import dev.metatune.data.ImageEpisodeSource;
import dev.metatune.data.ImagePool;
import dev.metatune.learner.LearnerContext;
import dev.metatune.task.Episode;
import dev.metatune.task.TaskKind;
import dev.metatune.task.TaskSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Seconds per ProtoNet training step on the PyTorch peer's timing shape (60-way 5-shot 5-query,
 * 600 images 28x28), to run beside {@code pytorch_fewshot.py --mode proto --threads 2 --warmup 3
 * --steps 20} on the same machine. Like the peer's timed step, a step here includes drawing the
 * episode from images held in memory (class and image choice, copying into one array). Images are
 * random binary strokes with Omniglot's ink density (the timing does not depend on the pixels).
 * Not a unit test: run its {@code main} with {@code -Dai.djl.pytorch.num_threads=2}; args: warm-up
 * steps, timed steps. Prints one line per step and a summary with the median.
 */
public final class ProtoNetStepBenchmark {

    private ProtoNetStepBenchmark() {
    }

    public static void main(String[] args) {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        TaskSpec spec = new TaskSpec(60, 5, 5);
        ImageEpisodeSource source = new ImageEpisodeSource(new ArrayPool(400, 20, 28, 0.078, 1), spec, 1, "bench");
        LearnerContext context = new LearnerContext(Device.cpu(), TaskKind.CLASSIFICATION, new int[] {1, 28, 28}, spec,
                new TaskSpec(5, 1, 15), 400, 0);
        List<Double> total = new ArrayList<>();
        List<Double> compute = new ArrayList<>();
        try (ProtoNetLearner learner = new ProtoNetLearner(new ProtoNetConfig(1e-3, 2000, 60, 5, 5, 64), context)) {
            for (int i = 0; i < warmup + steps; i++) {
                long t0 = System.nanoTime();
                Episode e = source.episode(i);
                long t1 = System.nanoTime();
                var r = learner.metaTrainStep(List.of(e));
                long t2 = System.nanoTime();
                double s = (t2 - t0) / 1e9;
                System.out.printf(Locale.ROOT, "step %3d  loss %.4f  acc %.3f  %.4f s (sampling %.4f s)%s%n", i + 1,
                        r.loss(), r.accuracy(), s, (t1 - t0) / 1e9, i < warmup ? "  [warm-up]" : "");
                if (i >= warmup) {
                    total.add(s);
                    compute.add((t2 - t1) / 1e9);
                }
            }
        }
        System.out.printf(Locale.ROOT,
                "{\"impl\": \"djl\", \"mode\": \"proto\", \"threads\": \"%s\", \"ways\": 60, \"shots\": 5, \"queries\": 5, "
                        + "\"median_s_per_step\": %.4f, \"median_compute_s\": %.4f, \"min_s\": %.4f, \"max_s\": %.4f, "
                        + "\"steps\": %d}%n",
                System.getProperty("ai.djl.pytorch.num_threads", "default"), median(total), median(compute),
                Collections.min(total), Collections.max(total), total.size());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Binary images held in one array, as a real data set's pool holds them. */
    private static final class ArrayPool implements ImagePool {
        private final int classes;
        private final int perClass;
        private final int size;
        private final float[] pixels;

        ArrayPool(int classes, int perClass, int size, double ink, long seed) {
            this.classes = classes;
            this.perClass = perClass;
            this.size = size;
            this.pixels = new float[classes * perClass * size * size];
            SplittableRandom random = new SplittableRandom(seed);
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = random.nextDouble() < ink ? 1f : 0f;
            }
        }

        @Override
        public int[] exampleShape() {
            return new int[] {1, size, size};
        }

        @Override
        public int classCount() {
            return classes;
        }

        @Override
        public int imagesPerClass(int classIndex) {
            return perClass;
        }

        @Override
        public String className(int classIndex) {
            return "class-" + classIndex;
        }

        @Override
        public void copyImage(int classIndex, int image, float[] destination, int offset) {
            int n = size * size;
            System.arraycopy(pixels, (classIndex * perClass + image) * n, destination, offset, n);
        }
    }
}
