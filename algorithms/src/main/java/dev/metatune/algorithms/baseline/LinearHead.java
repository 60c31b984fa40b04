package dev.metatune.algorithms.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import dev.metatune.algorithms.training.NamedParameter;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A linear classifier, scores = x W^T + b (the head of {@code baseline}, Chen et al. 2019), with
 * PyTorch's default {@code nn.Linear} initialisation: W and b uniform in +-1/sqrt(features).
 */
public final class LinearHead implements ClassifierHead {

    private final NDManager manager;
    private final NDArray weight;
    private final NDArray bias;
    private final List<NamedParameter> parameters;

    public LinearHead(NDManager parent, int features, int classes, SplittableRandom random) {
        if (features < 1 || classes < 1) {
            throw new IllegalArgumentException("features and classes must be at least 1, got " + features + " and "
                    + classes);
        }
        this.manager = parent.newSubManager();
        float bound = (float) (1 / Math.sqrt(features));
        this.weight = manager.create(HeadInit.uniform(random, classes * features, bound), new Shape(classes, features));
        this.bias = manager.create(HeadInit.uniform(random, classes, bound), new Shape(classes));
        weight.setRequiresGradient(true);
        bias.setRequiresGradient(true);
        this.parameters = List.of(new NamedParameter("head.weight", weight), new NamedParameter("head.bias", bias));
    }

    @Override
    public NDArray logits(NDArray features) {
        return Linear.linear(features, weight, bias).singletonOrThrow();
    }

    @Override
    public List<NamedParameter> parameters() {
        return parameters;
    }

    @Override
    public int classes() {
        return (int) weight.getShape().get(0);
    }

    @Override
    public void close() {
        manager.close();
    }
}
