package dev.metatune.algorithms.testing;

import ai.djl.Device;
import dev.metatune.data.ImageEpisodeSource;
import dev.metatune.data.synthetic.SyntheticImagePool;
import dev.metatune.learner.AdaptedModel;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.MetaLearner;
import dev.metatune.learner.Prediction;
import dev.metatune.task.Episode;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.TaskKind;
import dev.metatune.task.TaskSpec;
import java.util.List;

/** Small synthetic 28x28 image tasks for the algorithms' tests: disjoint train and test class pools. */
public final class SyntheticTasks {

    public static final int SIZE = 28;
    public static final int TRAIN_CLASSES = 40;

    private SyntheticTasks() {
    }

    public static EpisodeSource train(TaskSpec spec, long seed) {
        return new ImageEpisodeSource(new SyntheticImagePool(TRAIN_CLASSES, 20, SIZE, 4, 0.05, 11), spec, seed,
                "synthetic/train");
    }

    public static EpisodeSource test(TaskSpec spec, long seed) {
        return new ImageEpisodeSource(new SyntheticImagePool(30, 20, SIZE, 4, 0.05, 23), spec, seed, "synthetic/test");
    }

    public static LearnerContext context(TaskSpec trainSpec, TaskSpec testSpec, long seed) {
        return new LearnerContext(Device.cpu(), TaskKind.CLASSIFICATION, new int[] {1, SIZE, SIZE}, trainSpec, testSpec,
                TRAIN_CLASSES, seed);
    }

    /** Trains {@code steps} steps on episodes 0.. of {@code source}, returning the last step's accuracy. */
    public static double train(MetaLearner learner, EpisodeSource source, int steps) {
        double accuracy = Double.NaN;
        int b = learner.metaBatchSize();
        for (int s = 0; s < steps; s++) {
            List<Episode> batch = new java.util.ArrayList<>();
            for (int i = 0; i < b; i++) {
                batch.add(source.episode((long) s * b + i));
            }
            accuracy = learner.metaTrainStep(batch).accuracy();
        }
        return accuracy;
    }

    /** Mean query accuracy over episodes 0..n-1 of {@code source}. */
    public static double evaluate(MetaLearner learner, EpisodeSource source, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            Episode e = source.episode(i);
            try (AdaptedModel model = learner.adapt(e.support())) {
                Prediction p = model.predict(e.query());
                int correct = 0;
                for (int q = 0; q < p.labels().length; q++) {
                    if (p.labels()[q] == e.query().labels()[q]) {
                        correct++;
                    }
                }
                sum += (double) correct / p.labels().length;
            }
        }
        return sum / n;
    }
}
