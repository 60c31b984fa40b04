package dev.metatune.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.data.ImageEpisodeSource;
import dev.metatune.data.synthetic.SyntheticImagePool;
import dev.metatune.data.sinusoid.SinusoidEpisodeSource;
import dev.metatune.learner.AdaptedModel;
import dev.metatune.learner.MetaLearner;
import dev.metatune.learner.Prediction;
import dev.metatune.learner.StepResult;
import dev.metatune.task.Episode;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.Examples;
import dev.metatune.task.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The protocol over a plain-Java nearest-centroid learner, whose scores can be computed by hand. */
class EvaluationProtocolTest {

    /** Nearest class mean in pixel space; regression: predicts the support targets' mean. */
    static final class NearestCentroid implements MetaLearner {
        final List<Integer> adaptedSupportSizes = new ArrayList<>();

        @Override
        public int metaBatchSize() {
            return 1;
        }

        @Override
        public StepResult metaTrainStep(List<Episode> batch) {
            return new StepResult(0, 0);
        }

        @Override
        public AdaptedModel adapt(Examples support) {
            adaptedSupportSizes.add(support.count());
            int d = support.valuesPerExample();
            if (support.labels() == null) {
                double mean = 0;
                for (float t : support.targets()) {
                    mean += t;
                }
                float m = (float) (mean / support.count());
                return new Model(query -> {
                    float[] v = new float[query.count()];
                    java.util.Arrays.fill(v, m);
                    return Prediction.regression(v);
                });
            }
            int ways = java.util.Arrays.stream(support.labels()).max().orElseThrow() + 1;
            double[][] centroids = new double[ways][d];
            int[] counts = new int[ways];
            for (int i = 0; i < support.count(); i++) {
                int c = support.labels()[i];
                counts[c]++;
                for (int j = 0; j < d; j++) {
                    centroids[c][j] += support.inputs()[i * d + j];
                }
            }
            return new Model(query -> {
                int[] labels = new int[query.count()];
                for (int i = 0; i < query.count(); i++) {
                    double best = Double.MAX_VALUE;
                    for (int c = 0; c < ways; c++) {
                        double dist = 0;
                        for (int j = 0; j < d; j++) {
                            double diff = query.inputs()[i * d + j] - centroids[c][j] / counts[c];
                            dist += diff * diff;
                        }
                        if (dist < best) {
                            best = dist;
                            labels[i] = c;
                        }
                    }
                }
                return Prediction.classes(labels, new float[0]);
            });
        }

        @Override
        public long parameterCount() {
            return 0;
        }

        @Override
        public void close() {
        }
    }

    record Model(java.util.function.Function<Examples, Prediction> f) implements AdaptedModel {
        @Override
        public Prediction predict(Examples query) {
            return f.apply(query);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void scoresEachFixedEpisodeAndKeepsThem() {
        EpisodeSource source = new ImageEpisodeSource(new SyntheticImagePool(20, 20, 28, 7, 0.1, 9),
                new TaskSpec(5, 1, 15), 42, "synthetic/test");
        NearestCentroid learner = new NearestCentroid();
        List<Long> ticks = new ArrayList<>();
        EvaluationResult r = new EvaluationProtocol(30).evaluate(learner, source, (done, total, s) -> ticks.add(done));
        assertEquals(Metric.ACCURACY, r.metric());
        assertEquals(30, r.episodes());
        assertEquals(30, ticks.size());
        assertEquals(30, learner.adaptedSupportSizes.size());
        for (int i = 0; i < 30; i++) {
            Episode e = source.episode(i);
            try (AdaptedModel m = learner.adapt(e.support())) {
                assertEquals(EpisodeScores.accuracy(m.predict(e.query()), e.query()), r.perEpisode()[i]);
            }
        }
        assertTrue(r.summary().mean() > 0.6, "synthetic classes are easy for a nearest centroid: " + r.summary());
        EvaluationResult again = new EvaluationProtocol(30).evaluate(new NearestCentroid(), source, ProgressListener.NONE);
        assertArrayEquals(r.perEpisode(), again.perEpisode());
    }

    @Test
    void regressionIsScoredByMeanSquaredError() {
        EpisodeSource source = new SinusoidEpisodeSource(new TaskSpec(1, 10, 10), 1);
        EvaluationResult r = new EvaluationProtocol(50).evaluate(new NearestCentroid(), source, ProgressListener.NONE);
        assertEquals(Metric.MSE, r.metric());
        // predicting a constant for A sin(x - phase): the error is about the signal's variance, A^2 / 2 on average
        assertTrue(r.summary().mean() > 1 && r.summary().mean() < 10, "mse " + r.summary());
    }
}
