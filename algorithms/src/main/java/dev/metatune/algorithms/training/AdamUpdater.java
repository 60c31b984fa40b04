package dev.metatune.algorithms.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.metatune.learner.LearnerState;
import java.util.Arrays;
import java.util.List;

/**
 * Adam (Kingma and Ba 2015) with PyTorch's update rule: m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2,
 * w -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps), defaults b1 0.9, b2 0.999, eps 1e-8.
 * Reads the gradients the last backward pass accumulated on the parameters (then zeroes them), or
 * gradients the caller computed (MAML's meta-gradient).
 *
 * <p>Its moment estimates live in a sub-manager of the manager given, on its device; every
 * temporary of a step is freed before {@link #step} returns. Not thread-safe.
 */
public final class AdamUpdater implements AutoCloseable {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private final NDManager manager;
    private final List<NamedParameter> parameters;
    private final NDArray[] mean;
    private final NDArray[] variance;
    private long steps;

    public AdamUpdater(NDManager parent, List<NamedParameter> parameters) {
        this.manager = parent.newSubManager();
        this.parameters = List.copyOf(parameters);
        this.mean = new NDArray[this.parameters.size()];
        this.variance = new NDArray[this.parameters.size()];
        for (int i = 0; i < mean.length; i++) {
            NDArray p = this.parameters.get(i).array();
            mean[i] = manager.zeros(p.getShape(), p.getDataType());
            variance[i] = manager.zeros(p.getShape(), p.getDataType());
        }
    }

    /** Applies one update with learning rate {@code lr} to every parameter, then zeroes the gradients. */
    public void step(double lr) {
        // the scope closes the handles getGradient() opens (the gradients' storage stays with the parameters)
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray[] gradients = new NDArray[parameters.size()];
            for (int i = 0; i < gradients.length; i++) {
                gradients[i] = parameters.get(i).array().getGradient();
            }
            step(lr, Arrays.asList(gradients), 1.0);
            for (NDArray g : gradients) {
                g.muli(0);
            }
        }
    }

    /**
     * Applies one update with learning rate {@code lr} from gradients the caller computed (one per
     * parameter, in order), each multiplied by {@code gradientScale} first (1 / meta-batch for a
     * summed meta-gradient). Leaves the gradients untouched.
     */
    public void step(double lr, List<NDArray> gradients, double gradientScale) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("lr must be finite and >= 0, got " + lr);
        }
        if (gradients.size() != parameters.size()) {
            throw new IllegalArgumentException("Adam holds " + parameters.size() + " parameters, got "
                    + gradients.size() + " gradients");
        }
        steps++;
        double stepSize = lr / (1 - Math.pow(BETA1, steps));
        double sqrtCorrection2 = Math.sqrt(1 - Math.pow(BETA2, steps));
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (int i = 0; i < mean.length; i++) {
                NDArray param = parameters.get(i).array();
                NDArray g = gradientScale == 1.0 ? gradients.get(i) : gradients.get(i).mul(gradientScale);
                NDArray m = mean[i];
                NDArray v = variance[i];
                m.muli(BETA1).addi(g.mul(1 - BETA1));
                v.muli(BETA2).addi(g.square().muli(1 - BETA2));
                NDArray denominator = v.sqrt().divi(sqrtCorrection2).addi(EPS);
                // the detached view shares storage: updates the leaf in place, whatever the grad mode
                param.stopGradient().subi(m.div(denominator).muli(stepSize));
            }
        }
    }

    /** The parameters this updater moves, in order, with their names. */
    public List<NamedParameter> parameters() {
        return parameters;
    }

    /** Number of updates applied so far. */
    public long stepCount() {
        return steps;
    }

    /** Counter name of the update count in a learner state. */
    public static final String STEPS = "adam.steps";

    /**
     * Adds the moment estimates ({@code adam.m.<parameter>}, {@code adam.v.<parameter>}) and the
     * update count ({@link #STEPS}) to {@code state}.
     */
    public void save(LearnerState.Builder state) {
        state.counter(STEPS, steps);
        for (int i = 0; i < mean.length; i++) {
            String name = parameters.get(i).name();
            state.tensor(StateArrays.save("adam.m." + name, mean[i]));
            state.tensor(StateArrays.save("adam.v." + name, variance[i]));
        }
    }

    /** Expects the moments {@link #save} wrote in {@code restore}; returns how many. */
    public int expect(StateArrays restore) {
        for (int i = 0; i < mean.length; i++) {
            String name = parameters.get(i).name();
            restore.expect("adam.m." + name, mean[i]);
            restore.expect("adam.v." + name, variance[i]);
        }
        return 2 * mean.length;
    }

    /** Sets the update count (after the moments were copied); {@code steps} from {@link LearnerState#counter}. */
    public void restoreStepCount(long stepCount) {
        if (stepCount < 0) {
            throw new IllegalArgumentException(STEPS + " must be >= 0, got " + stepCount);
        }
        this.steps = stepCount;
    }

    @Override
    public void close() {
        manager.close();
    }
}
