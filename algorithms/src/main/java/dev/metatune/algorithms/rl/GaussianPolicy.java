package dev.metatune.algorithms.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import dev.metatune.algorithms.backbone.Mlp;
import dev.metatune.algorithms.backbone.Normalization;
import dev.metatune.algorithms.backbone.ParameterSpec;
import dev.metatune.algorithms.training.GraphScalars;
import java.util.ArrayList;
import java.util.List;

/**
 * The Gaussian MLP policy of Finn, Abbeel and Levine (ICML 2017, section 5.3): the action's mean is
 * an MLP of the observation with ReLU hidden layers (two of 100 units in the paper), and its
 * standard deviation is exp of a learned vector {@code log_std} that does not depend on the state
 * (initialised to 0, standard deviation 1, as in rllab). A pure function of an explicit parameter
 * list (the MLP's, then {@code log_std}), so an inner loop can evaluate it at adapted weights, and
 * so it can be evaluated for many tasks at once with their weights stacked ({@link #batchedActions}).
 * Immutable; holds no tensors.
 */
public final class GaussianPolicy {

    /** Name of the log standard deviation parameter. */
    public static final String LOG_STD = "log_std";
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private final Mlp mean;
    private final int observations;
    private final int actions;
    private final List<ParameterSpec> parameters;

    public GaussianPolicy(int observations, int[] hidden, int actions) {
        this.mean = new Mlp(observations, hidden, actions);
        this.observations = observations;
        this.actions = actions;
        List<ParameterSpec> specs = new ArrayList<>(mean.parameters());
        specs.add(new ParameterSpec(LOG_STD, new long[] {actions}, ParameterSpec.Init.ZEROS));
        this.parameters = List.copyOf(specs);
    }

    /** Every parameter, in the order the methods expect them: the mean MLP's, then {@code log_std}. */
    public List<ParameterSpec> parameters() {
        return parameters;
    }

    public int observationSize() {
        return observations;
    }

    public int actionSize() {
        return actions;
    }

    /** Number of scalars over all parameters. */
    public long parameterCount() {
        long n = 0;
        for (ParameterSpec p : parameters) {
            n += p.size();
        }
        return n;
    }

    /** The action means [rows, actions] of observations [rows, observations]. */
    public NDArray mean(NDList params, NDArray observations) {
        return mean.forward(meanParameters(params), observations, Normalization.batch());
    }

    /** log pi(action | observation) of every row [rows], differentiable in {@code params}. */
    public NDArray logProbability(NDList params, NDArray observations, NDArray actions) {
        NDArray logStd = logStd(params, observations);
        NDArray z = actions.sub(mean(params, observations)).div(logStd.exp());
        // the factor is an array that owns its memory: autograd saves it (see GraphScalars)
        NDArray minusHalf = GraphScalars.of(observations.getManager(), -0.5, z.getDataType());
        return z.square().mul(minusHalf).sub(logStd).sub(HALF_LOG_TWO_PI).sum(new int[] {1});
    }

    /**
     * KL(old || pi_params) of every row [rows] between diagonal Gaussians: the old policy's means
     * {@code oldMean} [rows, actions] and log standard deviations {@code oldLogStd} [actions].
     */
    public NDArray klFrom(NDArray oldMean, NDArray oldLogStd, NDList params, NDArray observations) {
        NDArray logStd = logStd(params, observations);
        // doubling by addition, not mul(2): autograd would save a borrowed scalar (see GraphScalars)
        NDArray variance = logStd.add(logStd).exp();
        NDArray varianceRatio = oldLogStd.add(oldLogStd).exp().add(oldMean.sub(mean(params, observations)).square())
                .div(variance.add(variance));
        return logStd.sub(oldLogStd).add(varianceRatio).sub(0.5).sum(new int[] {1});
    }

    /**
     * Sampled actions of many tasks at once: {@code stacked} holds every parameter with a leading
     * task dimension [tasks, ...], {@code observations} is [tasks, rows, observations] and
     * {@code noise} standard normal [tasks, rows, actions]; returns mean + exp(log_std) * noise of
     * each task's policy, [tasks, rows, actions].
     */
    public NDArray batchedActions(NDList stacked, NDArray observations, NDArray noise) {
        int layers = (stacked.size() - 1) / 2;
        NDArray x = observations;
        for (int l = 0; l < layers; l++) {
            NDArray w = stacked.get(2 * l);
            NDArray b = stacked.get(2 * l + 1);
            x = x.matMul(w.transpose(0, 2, 1)).add(b.expandDims(1));
            if (l < layers - 1) {
                x = x.maximum(0f);
            }
        }
        NDArray std = stacked.get(stacked.size() - 1).exp().expandDims(1);
        return x.add(std.mul(noise));
    }

    /**
     * The log standard deviation, as a result in the observations' manager (an operation whose first
     * operand is a parameter would put its result in the parameters' manager, which outlives the step).
     */
    private static NDArray logStd(NDList params, NDArray observations) {
        NDArray logStd = params.get(params.size() - 1).add(0);
        logStd.attach(observations.getManager());
        return logStd;
    }

    private NDList meanParameters(NDList params) {
        if (params.size() != parameters.size()) {
            throw new IllegalArgumentException("the policy has " + parameters.size() + " parameters, got " + params.size());
        }
        return new NDList(params.subList(0, params.size() - 1));
    }

    @Override
    public String toString() {
        return "GaussianPolicy[" + mean + ", state-independent log_std]";
    }
}
