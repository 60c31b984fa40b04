package dev.metatune.algorithms.reptile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.metatune.algorithms.backbone.Conv4;
import dev.metatune.algorithms.backbone.Mlp;
import dev.metatune.data.sinusoid.SinusoidEpisodeSource;
import dev.metatune.learner.LearnerContext;
import dev.metatune.task.Episode;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.Examples;
import dev.metatune.task.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reptile's update (Nichol, Achiam and Schulman 2018) on a quadratic: a linear model y = w x + b under
 * mean squared error on full-batch inner steps, whose loss is quadratic in theta = (w, b) with Hessian
 * H and minimum theta*. k SGD steps give the closed form phi = theta* + (I - a H)^k (theta - theta*);
 * inner Adam (beta1 = 0) is iterated in double precision on the exact gradient H theta - c, either
 * afresh for every task or ({@code inner_adam_state=persistent}) with its second moment and update
 * count carried from task to task, in batch order, and from meta-step to meta-step. The learner's
 * initialisation after two meta-steps must equal theta + eps_t mean_i (phi_i - theta) with eps_t
 * annealed linearly (eps_1 = eps_0 (1 - 1/T)), serial (one task) and batched (three tasks); with the
 * persistent state it must also be away from what a fresh Adam per task gives, so that a state that
 * was not carried over fails.
 */
class ReptileClosedFormTest {

    @ParameterizedTest(name = "{0}, meta-batch {1}")
    @CsvSource({"sgd, 1", "sgd, 3", "adam, 3", "adam-persistent, 1", "adam-persistent, 3"})
    void twoMetaStepsMatchTheClosedForm(String optimizer, int metaBatch) {
        boolean adam = optimizer.startsWith("adam");
        boolean persistent = optimizer.equals("adam-persistent");
        int k = 3;
        double lr = adam ? 0.05 : 0.1;
        double epsilon = 0.8;
        int annealSteps = 4;
        ReptileConfig config = new ReptileConfig(adam, lr, 0.0, persistent, k, 100, 0, 1, epsilon, annealSteps, metaBatch, 4,
                Conv4.Variant.STRIDED, 4, true);
        EpisodeSource source = new SinusoidEpisodeSource(new TaskSpec(1, 6, 4), 5);
        LearnerContext context = new LearnerContext(Device.cpu(), source.kind(), source.exampleShape(), source.spec(),
                source.spec(), source.classCount(), 3);
        try (ReptileLearner learner = new ReptileLearner(config, context, new Mlp(1, new int[0], 1))) {
            double[][] start = learner.parameterValues();
            double[] theta = {start[0][0], start[1][0]};
            double moved = 0;
            double awayFromFresh = 0;
            DoubleAdam carried = new DoubleAdam();
            for (int s = 0; s < 2; s++) {
                List<Episode> batch = new ArrayList<>();
                for (int i = 0; i < metaBatch; i++) {
                    batch.add(source.episode((long) s * metaBatch + i));
                }
                learner.metaTrainStep(batch);
                double[] mean = new double[2];
                double[] freshMean = new double[2];
                for (Episode e : batch) {
                    double[] phi = persistent ? carried.adapt(theta, e.support(), lr, k)
                            : adam ? new DoubleAdam().adapt(theta, e.support(), lr, k) : sgdClosedForm(theta, e.support(), lr, k);
                    double[] fresh = adam ? new DoubleAdam().adapt(theta, e.support(), lr, k) : phi;
                    for (int j = 0; j < 2; j++) {
                        mean[j] += (phi[j] - theta[j]) / metaBatch;
                        freshMean[j] += (fresh[j] - theta[j]) / metaBatch;
                    }
                }
                double eps = epsilon * (1 - (double) s / annealSteps);
                double[] next = {theta[0] + eps * mean[0], theta[1] + eps * mean[1]};
                double[][] actual = learner.parameterValues();
                awayFromFresh += Math.abs(actual[0][0] - (theta[0] + eps * freshMean[0]))
                        + Math.abs(actual[1][0] - (theta[1] + eps * freshMean[1]));
                assertEquals(next[0], actual[0][0], 2e-5 * Math.max(1, Math.abs(next[0])), "w after meta-step " + (s + 1));
                assertEquals(next[1], actual[1][0], 2e-5 * Math.max(1, Math.abs(next[1])), "b after meta-step " + (s + 1));
                moved += Math.abs(next[0] - theta[0]) + Math.abs(next[1] - theta[1]);
                theta = next;
            }
            assertTrue(moved > 1e-2, "the initialisation hardly moved (" + moved + "): the comparison cannot fail");
            if (persistent) {
                assertEquals(2L * metaBatch * k, learner.innerAdamSteps(), "inner Adam updates carried over");
                assertTrue(awayFromFresh > 1e-3, "the persistent inner Adam gave what a fresh one per task gives ("
                        + awayFromFresh + " apart)");
            }
        }
    }

    /** H and c of mean((w x + b - y)^2) = 0.5 theta' H theta - c' theta + const. */
    private static double[][] quadratic(Examples support) {
        int n = support.count();
        double sx = 0;
        double sxx = 0;
        double sy = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            double x = support.inputs()[i];
            double y = support.targets()[i];
            sx += x;
            sxx += x * x;
            sy += y;
            sxy += x * y;
        }
        return new double[][] {{2 * sxx / n, 2 * sx / n}, {2 * sx / n, 2.0}, {2 * sxy / n, 2 * sy / n}};
    }

    private static double[] sgdClosedForm(double[] theta, Examples support, double lr, int k) {
        double[][] q = quadratic(support);
        double[][] h = {q[0], q[1]};
        double[] c = q[2];
        double det = h[0][0] * h[1][1] - h[0][1] * h[1][0];
        double[] star = {(h[1][1] * c[0] - h[0][1] * c[1]) / det, (h[0][0] * c[1] - h[1][0] * c[0]) / det};
        double[][] a = {{1 - lr * h[0][0], -lr * h[0][1]}, {-lr * h[1][0], 1 - lr * h[1][1]}};
        double[][] power = {{1, 0}, {0, 1}};
        for (int i = 0; i < k; i++) {
            power = multiply(power, a);
        }
        double d0 = theta[0] - star[0];
        double d1 = theta[1] - star[1];
        return new double[] {star[0] + power[0][0] * d0 + power[0][1] * d1, star[1] + power[1][0] * d0 + power[1][1] * d1};
    }

    /**
     * Inner Adam with beta1 = 0 in double precision on the exact gradient (m = g, no first-moment
     * correction); its second moment and update count carry over from one {@link #adapt} to the next.
     */
    private static final class DoubleAdam {
        private final double[] v = new double[2];
        private int t;

        double[] adapt(double[] start, Examples support, double lr, int k) {
            double[][] q = quadratic(support);
            double[] theta = start.clone();
            for (int s = 0; s < k; s++) {
                t++;
                double[] g = {q[0][0] * theta[0] + q[0][1] * theta[1] - q[2][0], q[1][0] * theta[0] + q[1][1] * theta[1] - q[2][1]};
                for (int i = 0; i < 2; i++) {
                    v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                    double denominator = Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(0.999, t)) + 1e-8;
                    theta[i] -= lr * g[i] / denominator;
                }
            }
            return theta;
        }
    }

    private static double[][] multiply(double[][] x, double[][] y) {
        return new double[][] {
                {x[0][0] * y[0][0] + x[0][1] * y[1][0], x[0][0] * y[0][1] + x[0][1] * y[1][1]},
                {x[1][0] * y[0][0] + x[1][1] * y[1][0], x[1][0] * y[0][1] + x[1][1] * y[1][1]}};
    }
}
