package dev.metatune.algorithms.rl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.metatune.algorithms.backbone.FastWeights;
import dev.metatune.algorithms.backbone.ParameterInit;
import dev.metatune.algorithms.training.GradMode;
import dev.metatune.algorithms.training.GradientModule;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The meta-gradient of MAML for reinforcement learning through its inner policy-gradient steps
 * ({@link AdaptationObjective}, the function TRPO differentiates in training) against central finite
 * differences of the meta-objective in float64, on a tiny Gaussian policy (2 -> 3 -> 2) and fixed
 * trajectories of two tasks, with 1 and 2 inner steps; so is the Fisher-vector product of the trust
 * region (the Hessian of the KL through the inner steps) against finite differences of the KL's
 * gradient. Negative control: the first-order meta-gradient misses the finite differences by far
 * more than the tolerance.
 */
class PolicyMetaGradientCheckTest {

    private static final double H = 1e-6;
    private static final double TOLERANCE = 1e-6;
    private static final double INNER_LR = 0.5;

    @ParameterizedTest(name = "{0} inner step(s)")
    @ValueSource(ints = {1, 2})
    void secondOrderMetaGradientAndFisherProductsMatchFiniteDifferences(int innerSteps) {
        GaussianPolicy policy = new GaussianPolicy(2, new int[] {3}, 2);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
             GradientModule gradients = new GradientModule(manager)) {
            AdaptationObjective objective = new AdaptationObjective(policy, gradients);
            double[][] theta = ParameterInit.values(policy.parameters(), 3);
            theta[theta.length - 1] = new double[] {-0.3, 0.2}; // a log_std away from 0
            SplittableRandom random = new SplittableRandom(17);
            NDList lrs = new NDList();
            NDArray lr = manager.create(INNER_LR);
            for (int i = 0; i < theta.length; i++) {
                lrs.add(lr);
            }
            List<TaskData> data = new ArrayList<>();
            for (int task = 0; task < 2; task++) {
                List<TaskSamples> supports = new ArrayList<>();
                for (int s = 0; s < innerSteps; s++) {
                    supports.add(samples(manager, random, 7));
                }
                TaskSamples query = samples(manager, random, 9);
                // the "old" policy: theta adapted on the supports, perturbed so the ratio is not 1 and the KL not 0
                NDList old = FastWeights.create(manager, policy.parameters(), perturbed(theta, random), DataType.FLOAT64);
                data.add(new TaskData(supports, query, policy.logProbability(old, query.observations(), query.actions()),
                        policy.mean(old, query.observations()), old.get(old.size() - 1)));
            }
            double[] exact = flat(metaGradient(manager, policy, objective, gradients, theta, data, lrs, true));
            double[] firstOrder = flat(metaGradient(manager, policy, objective, gradients, theta, data, lrs, false));
            double worst = 0;
            double firstOrderWorst = 0;
            int index = 0;
            for (int i = 0; i < theta.length; i++) {
                for (int j = 0; j < theta[i].length; j++, index++) {
                    double saved = theta[i][j];
                    theta[i][j] = saved + H;
                    double plus = value(manager, policy, objective, theta, data, lrs, true)[0];
                    theta[i][j] = saved - H;
                    double minus = value(manager, policy, objective, theta, data, lrs, true)[0];
                    theta[i][j] = saved;
                    double numeric = (plus - minus) / (2 * H);
                    worst = Math.max(worst, Math.abs(numeric - exact[index]) / Math.max(1, Math.abs(numeric)));
                    firstOrderWorst = Math.max(firstOrderWorst, Math.abs(numeric - firstOrder[index]));
                }
            }
            assertTrue(worst < TOLERANCE, "second-order meta-gradient off by " + worst);
            assertTrue(firstOrderWorst > 100 * TOLERANCE, "the first-order gradient is as close (" + firstOrderWorst
                    + "), so the check cannot tell the orders apart");

            // the Fisher-vector product: d/d theta of (d KL / d theta) . v, against differences of d KL / d theta
            double[][] v = new double[theta.length][];
            for (int i = 0; i < theta.length; i++) {
                v[i] = random.doubles(theta[i].length, -1, 1).toArray();
            }
            TrustRegionUpdate trpo = new TrustRegionUpdate(gradients, 0.01, 10, 0);
            double[] fvp;
            try (NDManager scope = manager.newSubManager()) {
                NDList t = leaves(scope, policy, theta);
                AdaptationObjective.Evaluation at = objective.evaluate(t, data, lrs, true);
                NDList klGradient;
                try (GradMode on = GradMode.enabled()) {
                    klGradient = gradients.gradients(at.kl(), t, true);
                }
                fvp = flat(FastWeights.values(trpo.fisherVector(t, klGradient,
                        FastWeights.create(scope, policy.parameters(), v, DataType.FLOAT64))));
            }
            double[] plus = flat(klGradient(manager, policy, objective, gradients, shifted(theta, v, H), data, lrs));
            double[] minus = flat(klGradient(manager, policy, objective, gradients, shifted(theta, v, -H), data, lrs));
            double fvpWorst = 0;
            double norm = 0;
            for (int k = 0; k < fvp.length; k++) {
                double numeric = (plus[k] - minus[k]) / (2 * H);
                fvpWorst = Math.max(fvpWorst, Math.abs(numeric - fvp[k]) / Math.max(1, Math.abs(numeric)));
                norm += fvp[k] * fvp[k];
            }
            assertTrue(norm > 1e-6, "the Fisher-vector product is zero, so the comparison cannot fail");
            assertTrue(fvpWorst < 1e-5, "Fisher-vector product off by " + fvpWorst);
        }
    }

    private static TaskSamples samples(NDManager manager, SplittableRandom random, int rows) {
        NDArray obs = manager.create(DoubleBuffer.wrap(random.doubles(rows * 2L, -1, 1).toArray()), new Shape(rows, 2));
        NDArray act = manager.create(DoubleBuffer.wrap(random.doubles(rows * 2L, -1.5, 1.5).toArray()), new Shape(rows, 2));
        NDArray adv = manager.create(DoubleBuffer.wrap(random.doubles(rows, -2, 2).toArray()), new Shape(rows));
        return new TaskSamples(obs, act, adv, 0);
    }

    private static double[][] perturbed(double[][] theta, SplittableRandom random) {
        double[][] out = new double[theta.length][];
        for (int i = 0; i < theta.length; i++) {
            out[i] = theta[i].clone();
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] += random.nextDouble(-0.2, 0.2);
            }
        }
        return out;
    }

    private static double[][] shifted(double[][] theta, double[][] v, double h) {
        double[][] out = new double[theta.length][];
        for (int i = 0; i < theta.length; i++) {
            out[i] = theta[i].clone();
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] += h * v[i][j];
            }
        }
        return out;
    }

    private static NDList leaves(NDManager scope, GaussianPolicy policy, double[][] theta) {
        NDList t = FastWeights.create(scope, policy.parameters(), theta, DataType.FLOAT64);
        for (NDArray a : t) {
            a.setRequiresGradient(true);
        }
        return t;
    }

    private static double[] value(NDManager manager, GaussianPolicy policy, AdaptationObjective objective,
                                  double[][] theta, List<TaskData> data, NDList lrs, boolean secondOrder) {
        try (NDManager scope = manager.newSubManager()) {
            AdaptationObjective.Evaluation e = objective.evaluate(leaves(scope, policy, theta), data, lrs, secondOrder);
            return new double[] {e.surrogateLoss().getDouble(), e.kl().getDouble()};
        }
    }

    private static double[][] metaGradient(NDManager manager, GaussianPolicy policy, AdaptationObjective objective,
                                           GradientModule gradients, double[][] theta, List<TaskData> data, NDList lrs,
                                           boolean secondOrder) {
        try (NDManager scope = manager.newSubManager()) {
            NDList t = leaves(scope, policy, theta);
            AdaptationObjective.Evaluation e = objective.evaluate(t, data, lrs, secondOrder);
            try (GradMode on = GradMode.enabled()) {
                return FastWeights.values(gradients.gradients(e.surrogateLoss(), t, false));
            }
        }
    }

    private static double[][] klGradient(NDManager manager, GaussianPolicy policy, AdaptationObjective objective,
                                         GradientModule gradients, double[][] theta, List<TaskData> data, NDList lrs) {
        try (NDManager scope = manager.newSubManager()) {
            NDList t = leaves(scope, policy, theta);
            AdaptationObjective.Evaluation e = objective.evaluate(t, data, lrs, true);
            try (GradMode on = GradMode.enabled()) {
                return FastWeights.values(gradients.gradients(e.kl(), t, false));
            }
        }
    }

    private static double[] flat(double[][] values) {
        int n = 0;
        for (double[] v : values) {
            n += v.length;
        }
        double[] out = new double[n];
        int k = 0;
        for (double[] v : values) {
            System.arraycopy(v, 0, out, k, v.length);
            k += v.length;
        }
        return out;
    }
}
