package dev.metatune.algorithms.protonet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PrototypesTest {

    @Test
    void prototypesAreClassMeansWhateverTheOrderAndClassSizes() {
        int n = 11;
        int d = 7;
        int ways = 3;
        int[] labels = {2, 0, 1, 0, 2, 2, 1, 0, 2, 1, 2};
        SplittableRandom random = new SplittableRandom(5);
        float[] z = new float[n * d];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) random.nextGaussian();
        }
        float[] expected = new float[ways * d];
        int[] counts = new int[ways];
        for (int i = 0; i < n; i++) {
            counts[labels[i]]++;
            for (int j = 0; j < d; j++) {
                expected[labels[i] * d + j] += z[i * d + j];
            }
        }
        for (int c = 0; c < ways; c++) {
            for (int j = 0; j < d; j++) {
                expected[c * d + j] /= counts[c];
            }
        }
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            long[] wide = new long[n];
            for (int i = 0; i < n; i++) {
                wide[i] = labels[i];
            }
            NDArray p = Prototypes.means(m.create(z, new Shape(n, d)), m.create(wide), ways);
            assertEquals(new Shape(ways, d), p.getShape());
            assertArrayEquals(expected, p.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void logitsAreMinusSquaredEuclideanDistances() {
        float[] q = {0, 0, 1, 2, -1, 3};
        float[] p = {1, 1, 0, 2};
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray logits = Prototypes.negativeSquaredDistances(m.create(q, new Shape(3, 2)), m.create(p, new Shape(2, 2)));
            assertEquals(new Shape(3, 2), logits.getShape());
            float[] expected = {-2, -4, -1, -1, -8, -2};
            assertArrayEquals(expected, logits.toFloatArray(), 0f);
        }
    }
}
