package dev.metatune.algorithms.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Conv4EmbeddingTest {

    private static float[] images(int n, int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n * size * size];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble() < 0.2 ? 1f : 0f;
        }
        return x;
    }

    @Test
    void outputSizesFollowTheFourHalvings() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            try (Conv4Embedding omniglot = new Conv4Embedding(m, 1, 28, 28, 64, new SplittableRandom(1))) {
                assertEquals(64, omniglot.outputSize());
                assertEquals(111_936, omniglot.parameterCount());
                NDArray z = omniglot.forward(m.create(images(3, 28, 1), new Shape(3, 1, 28, 28)), true);
                assertEquals(new Shape(3, 64), z.getShape());
            }
            try (Conv4Embedding mini = new Conv4Embedding(m, 3, 84, 84, 32, new SplittableRandom(1))) {
                assertEquals(32 * 5 * 5, mini.outputSize());
            }
            assertThrows(IllegalArgumentException.class, () -> new Conv4Embedding(m, 1, 8, 8, 64, new SplittableRandom(1)));
        }
    }

    @Test
    void trainingUpdatesRunningStatisticsWithPyTorchMomentum() {
        int n = 6;
        try (NDManager m = NDManager.newBaseManager("PyTorch");
             Conv4Embedding e = new Conv4Embedding(m, 1, 28, 28, 8, new SplittableRandom(2))) {
            NDArray x = m.create(images(n, 28, 2), new Shape(n, 1, 28, 28));
            NDArray w = e.parameters().get(0).array();
            NDArray b = e.parameters().get(1).array();
            NDArray conv = Conv2d.conv2d(x, w, b, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1).singletonOrThrow();
            float[] values = conv.toFloatArray(); // [n, 8, 28, 28]
            int hw = 28 * 28;
            long count = (long) n * hw;
            double[] batchMean = new double[8];
            double[] batchVar = new double[8];
            for (int ch = 0; ch < 8; ch++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    for (int p = 0; p < hw; p++) {
                        sum += values[(i * 8 + ch) * hw + p];
                    }
                }
                batchMean[ch] = sum / count;
                double sq = 0;
                for (int i = 0; i < n; i++) {
                    for (int p = 0; p < hw; p++) {
                        double d = values[(i * 8 + ch) * hw + p] - batchMean[ch];
                        sq += d * d;
                    }
                }
                batchVar[ch] = sq / (count - 1); // PyTorch keeps the unbiased variance
            }
            e.forward(x, true);
            float[][] stats = e.runningStatistics();
            float[] expectedMean = new float[8];
            float[] expectedVar = new float[8];
            for (int c = 0; c < 8; c++) {
                expectedMean[c] = (float) (0.1 * batchMean[c]);
                expectedVar[c] = (float) (0.9 + 0.1 * batchVar[c]);
            }
            assertArrayEquals(expectedMean, stats[0], 1e-5f);
            assertArrayEquals(expectedVar, stats[Conv4Embedding.BLOCKS], 1e-4f);
        }
    }

    @Test
    void evaluationEmbedsEachExampleIndependentlyOfItsBatch() {
        try (NDManager m = NDManager.newBaseManager("PyTorch");
             Conv4Embedding e = new Conv4Embedding(m, 1, 28, 28, 8, new SplittableRandom(3))) {
            e.forward(m.create(images(4, 28, 4), new Shape(4, 1, 28, 28)), true);
            float[] x = images(5, 28, 5);
            float[] batch = e.forward(m.create(x, new Shape(5, 1, 28, 28)), false).toFloatArray();
            float[] first = new float[28 * 28];
            System.arraycopy(x, 0, first, 0, first.length);
            float[] alone = e.forward(m.create(first, new Shape(1, 1, 28, 28)), false).toFloatArray();
            float[] batchFirst = new float[alone.length];
            System.arraycopy(batch, 0, batchFirst, 0, alone.length);
            assertArrayEquals(alone, batchFirst, 1e-5f);
        }
    }

    @Test
    void weightsComeFromTheSeedAlone() {
        try (NDManager m = NDManager.newBaseManager("PyTorch");
             Conv4Embedding a = new Conv4Embedding(m, 1, 28, 28, 8, new SplittableRandom(9));
             Conv4Embedding b = new Conv4Embedding(m, 1, 28, 28, 8, new SplittableRandom(9))) {
            for (int i = 0; i < a.parameters().size(); i++) {
                assertArrayEquals(a.parameters().get(i).array().toFloatArray(), b.parameters().get(i).array().toFloatArray(),
                        0f, a.parameters().get(i).name());
            }
            float bound = (float) (1 / Math.sqrt(9));
            for (float v : a.parameters().get(0).array().toFloatArray()) {
                assertEquals(0, v, bound, "first conv weight outside +-1/sqrt(fan_in)");
            }
        }
    }
}
