package dev.metatune.algorithms.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Adam and SGD against the update rules written out in Java, on loss = sum(c * w^2) with gradient 2 c w. */
class UpdatersTest {

    private static final float[] C = {0.5f, -1f, 2f};

    private static void backward(NDManager m, NDArray w) {
        try (NDManager scope = m.newSubManager(); GradientCollector gc = m.getEngine().newGradientCollector()) {
            NDArray c = scope.create(C);
            gc.backward(c.mul(w.square()).sum());
        }
    }

    @Test
    void adamFollowsPyTorchsRule() {
        double[] w = {1, 2, -3};
        double[] mean = new double[3];
        double[] var = new double[3];
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray param = m.create(new float[] {1, 2, -3});
            param.setRequiresGradient(true);
            try (AdamUpdater adam = new AdamUpdater(m, List.of(new NamedParameter("w", param)))) {
                for (int t = 1; t <= 3; t++) {
                    double lr = 0.1 / t;
                    backward(m, param);
                    adam.step(lr);
                    for (int i = 0; i < 3; i++) {
                        double g = 2 * C[i] * w[i];
                        mean[i] = 0.9 * mean[i] + 0.1 * g;
                        var[i] = 0.999 * var[i] + 0.001 * g * g;
                        double denom = Math.sqrt(var[i]) / Math.sqrt(1 - Math.pow(0.999, t)) + 1e-8;
                        w[i] -= lr / (1 - Math.pow(0.9, t)) * mean[i] / denom;
                    }
                    assertArrayEquals(toFloat(w), param.toFloatArray(), 1e-5f, "after step " + t);
                }
            }
            assertArrayEquals(new float[3], param.getGradient().toFloatArray(), 0f, "gradients are zeroed");
        }
    }

    @Test
    void sgdWithMomentumDampeningAndWeightDecayFollowsPyTorchsRule() {
        double[] w = {1, 2, -3};
        double[] buf = new double[3];
        double momentum = 0.9;
        double dampening = 0.9;
        double wd = 0.01;
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray param = m.create(new float[] {1, 2, -3});
            param.setRequiresGradient(true);
            try (SgdUpdater sgd = new SgdUpdater(m, List.of(new NamedParameter("w", param)), momentum, dampening, wd)) {
                for (int t = 1; t <= 3; t++) {
                    backward(m, param);
                    sgd.step(0.05);
                    for (int i = 0; i < 3; i++) {
                        double g = 2 * C[i] * w[i] + wd * w[i];
                        buf[i] = t == 1 ? g : momentum * buf[i] + (1 - dampening) * g;
                        w[i] -= 0.05 * buf[i];
                    }
                    assertArrayEquals(toFloat(w), param.toFloatArray(), 1e-5f, "after step " + t);
                }
            }
        }
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
