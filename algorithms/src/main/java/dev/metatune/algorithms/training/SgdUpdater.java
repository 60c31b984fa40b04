package dev.metatune.algorithms.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.List;

/**
 * Stochastic gradient descent with momentum, dampening and L2 weight decay, with PyTorch's rule:
 * g += wd w; buf = g on the first step, then buf = momentum buf + (1 - dampening) g; w -= lr buf.
 * Chen et al. 2019 fine-tune their heads with lr 0.01, momentum 0.9, dampening 0.9, wd 1e-3.
 * Reads the gradients of the last backward pass, then zeroes them. State lives in a sub-manager of
 * the manager given. Not thread-safe.
 */
public final class SgdUpdater implements AutoCloseable {

    private final NDManager manager;
    private final List<NamedParameter> parameters;
    private final double momentum;
    private final double dampening;
    private final double weightDecay;
    private final NDArray[] buffer;

    public SgdUpdater(NDManager parent, List<NamedParameter> parameters, double momentum, double dampening,
                      double weightDecay) {
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (!(dampening >= 0 && dampening <= 1)) {
            throw new IllegalArgumentException("dampening must be in [0, 1], got " + dampening);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay must be finite and >= 0, got " + weightDecay);
        }
        this.manager = parent.newSubManager();
        this.parameters = List.copyOf(parameters);
        this.momentum = momentum;
        this.dampening = dampening;
        this.weightDecay = weightDecay;
        this.buffer = new NDArray[this.parameters.size()];
    }

    /** Applies one update with learning rate {@code lr}, then zeroes the gradients. */
    public void step(double lr) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (int i = 0; i < buffer.length; i++) {
                NDArray param = parameters.get(i).array();
                NDArray g = param.getGradient();
                NDArray w = param.stopGradient();
                NDArray d = weightDecay == 0 ? g : g.add(w.mul(weightDecay));
                NDArray direction = d;
                if (momentum > 0) {
                    if (buffer[i] == null) {
                        buffer[i] = d.duplicate();
                        NDScope.unregister(buffer[i]);
                        buffer[i].attach(manager);
                    } else {
                        buffer[i].muli(momentum).addi(d.mul(1 - dampening));
                    }
                    direction = buffer[i];
                }
                w.subi(direction.mul(lr));
                g.muli(0);
            }
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
