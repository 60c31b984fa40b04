package dev.metatune.algorithms.baseline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HeadFitterTest {

    @ParameterizedTest
    @EnumSource(HeadKind.class)
    void fittingOnSeparableFeaturesDrivesTheSupportLossDown(HeadKind kind) {
        int ways = 5;
        int shots = 2;
        int d = 16;
        SplittableRandom random = new SplittableRandom(4);
        float[][] centres = new float[ways][d];
        for (float[] c : centres) {
            for (int j = 0; j < d; j++) {
                c[j] = random.nextDouble() < 0.3 ? 2f : 0f; // non-negative, like features after ReLU
            }
        }
        float[] x = new float[ways * shots * d];
        long[] y = new long[ways * shots];
        for (int i = 0; i < y.length; i++) {
            y[i] = i / shots;
            for (int j = 0; j < d; j++) {
                x[i * d + j] = centres[(int) y[i]][j] + (float) (0.1 * random.nextGaussian());
            }
        }
        BaselineConfig config = new BaselineConfig(1e-3, 64, 8, 1, 1, 100, 4, 0.01, 0.9, 0.9, 1e-3, 0, 0);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            ClassifierHead head = kind.create(m, d, ways, 10, new SplittableRandom(1));
            NDArray features = m.create(x, new Shape(y.length, d));
            HeadFitter.Result r = new HeadFitter(config).fit(head, features, m.create(y), new SplittableRandom(2));
            assertTrue(r.finalLoss() < 0.5 * r.initialLoss(), kind + ": support loss " + r.initialLoss() + " -> "
                    + r.finalLoss());
            head.close();
        }
    }
}
