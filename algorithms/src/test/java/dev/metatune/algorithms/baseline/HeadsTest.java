package dev.metatune.algorithms.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HeadsTest {

    private static final int N = 5;
    private static final int D = 6;
    private static final int C = 3;

    private static float[] features() {
        SplittableRandom random = new SplittableRandom(3);
        float[] x = new float[N * D];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }

    @Test
    void cosineHeadScoresAreScaledNormTimesCosine() {
        float[] x = features();
        try (NDManager m = NDManager.newBaseManager("PyTorch");
             CosineHead head = new CosineHead(m, D, C, 2.5, new SplittableRandom(1))) {
            float[] v = head.parameters().get(0).array().toFloatArray();
            float[] g = head.parameters().get(1).array().toFloatArray();
            // weight normalisation starts with g = ||v||
            for (int c = 0; c < C; c++) {
                assertEquals(norm(v, c * D), g[c], 1e-6);
            }
            // a different g, so the test sees it enter the scores
            head.parameters().get(1).array().set(new float[] {0.5f, 2f, 3f});
            float[] gNew = {0.5f, 2f, 3f};
            float[] expected = new float[N * C];
            for (int i = 0; i < N; i++) {
                double xn = norm(x, i * D) + 1e-5;
                for (int c = 0; c < C; c++) {
                    double dot = 0;
                    for (int j = 0; j < D; j++) {
                        dot += x[i * D + j] * v[c * D + j];
                    }
                    expected[i * C + c] = (float) (2.5 * gNew[c] * dot / xn / norm(v, c * D));
                }
            }
            try (NDManager scope = m.newSubManager()) {
                head.attachTo(scope);
                NDArray logits = head.logits(scope.create(x, new Shape(N, D)));
                assertEquals(new Shape(N, C), logits.getShape());
                assertArrayEquals(expected, logits.toFloatArray(), 1e-5f);
            }
            assertEquals(1, m.getManagedArrays().stream().filter(a -> a.getShape().equals(new Shape(C, 1))).count(),
                    "head parameters return to the head's manager");
        }
    }

    @Test
    void linearHeadScoresAreAffine() {
        float[] x = features();
        try (NDManager m = NDManager.newBaseManager("PyTorch");
             LinearHead head = new LinearHead(m, D, C, new SplittableRandom(2))) {
            float[] w = head.parameters().get(0).array().toFloatArray();
            float[] b = head.parameters().get(1).array().toFloatArray();
            float[] expected = new float[N * C];
            for (int i = 0; i < N; i++) {
                for (int c = 0; c < C; c++) {
                    double s = b[c];
                    for (int j = 0; j < D; j++) {
                        s += x[i * D + j] * w[c * D + j];
                    }
                    expected[i * C + c] = (float) s;
                }
            }
            try (NDManager scope = m.newSubManager()) {
                head.attachTo(scope);
                assertArrayEquals(expected, head.logits(scope.create(x, new Shape(N, D))).toFloatArray(), 1e-5f);
            }
        }
    }

    @Test
    void defaultCosineScaleFollowsChenEtAl() {
        assertEquals(2, CosineHead.defaultScale(5));
        assertEquals(2, CosineHead.defaultScale(200));
        assertEquals(10, CosineHead.defaultScale(4112));
    }

    private static double norm(float[] a, int offset) {
        double s = 0;
        for (int j = 0; j < D; j++) {
            s += (double) a[offset + j] * a[offset + j];
        }
        return Math.sqrt(s);
    }
}
