package dev.metatune.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.data.Dataset;
import dev.metatune.data.ImageEpisodeSource;
import dev.metatune.data.ImagePool;
import dev.metatune.task.Episode;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.Examples;
import dev.metatune.task.TaskSpec;
import org.junit.jupiter.api.Test;

/**
 * How hard the synthetic classes are without any learning: a 1-nearest-neighbour classifier on raw
 * pixels over 5-way 1-shot episodes. Measured over 400 test episodes (seed 7): 43.5% (train split
 * 49.3%); chance is 20%. Trivially separable classes score near 100% (the control below).
 */
class PixelNearestNeighbourTest {

    private static final TaskSpec FIVE_WAY_ONE_SHOT = new TaskSpec(5, 1, 15);

    @Test
    void rawPixelNearestNeighbourIsWellAboveChanceAndWellBelowPerfect() {
        Dataset synthetic = new SyntheticDataset(SyntheticDataset.DEFAULT_SIZE);
        double test = accuracy(synthetic.episodes("test", FIVE_WAY_ONE_SHOT, 7), 150);
        assertTrue(test > 0.3 && test < 0.6, "1-NN accuracy on the test split " + test + " (chance 0.2)");
        double train = accuracy(synthetic.episodes("train", FIVE_WAY_ONE_SHOT, 7), 150);
        assertTrue(train > 0.3 && train < 0.65, "1-NN accuracy on the train split " + train + " (chance 0.2)");
    }

    @Test
    void theSameClassifierSolvesEasyClasses() {
        // negative control: the classifier is not broken, the stroke classes are hard
        ImagePool blocks = new SyntheticImagePool(20, 20, 28, 7, 0.05, 3);
        double blocky = accuracy(new ImageEpisodeSource(blocks, FIVE_WAY_ONE_SHOT, 7, "blocks"), 50);
        assertTrue(blocky > 0.98, "1-NN accuracy on blocky patterns " + blocky);
        ImagePool rigid = SyntheticImagePool.strokes(20, 20, 28, new StrokeStyle(12, 2, 4, 0, 0, 0, 0, 0, 1.8, 1.8, 0), 3);
        double undistorted = accuracy(new ImageEpisodeSource(rigid, FIVE_WAY_ONE_SHOT, 7, "rigid"), 50);
        assertTrue(undistorted > 0.98, "1-NN accuracy on undistorted strokes " + undistorted);
    }

    /** Mean query accuracy of 1-nearest-neighbour (squared Euclidean distance) over episodes 0..n-1. */
    static double accuracy(EpisodeSource source, int episodes) {
        double sum = 0;
        for (int e = 0; e < episodes; e++) {
            Episode episode = source.episode(e);
            Examples support = episode.support();
            Examples query = episode.query();
            int d = query.valuesPerExample();
            int correct = 0;
            for (int q = 0; q < query.count(); q++) {
                int best = -1;
                double nearest = Double.POSITIVE_INFINITY;
                for (int s = 0; s < support.count(); s++) {
                    double distance = 0;
                    for (int p = 0; p < d; p++) {
                        double diff = query.inputs()[q * d + p] - support.inputs()[s * d + p];
                        distance += diff * diff;
                    }
                    if (distance < nearest) {
                        nearest = distance;
                        best = support.labels()[s];
                    }
                }
                correct += best == query.labels()[q] ? 1 : 0;
            }
            sum += (double) correct / query.count();
        }
        return sum / episodes;
    }
}
