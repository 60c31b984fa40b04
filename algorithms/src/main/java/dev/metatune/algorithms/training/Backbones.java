package dev.metatune.algorithms.training;

import dev.metatune.algorithms.backbone.Conv4;
import dev.metatune.algorithms.backbone.FunctionalNetwork;
import dev.metatune.algorithms.backbone.Mlp;
import dev.metatune.learner.LearnerContext;
import dev.metatune.task.TaskKind;
import java.util.Arrays;

/**
 * The networks of the MAML family for a learner context (Finn, Abbeel and Levine, ICML 2017):
 * Conv-4 with one output per way for image classification, the {@code hidden}-{@code hidden} MLP
 * for regression; and the settings those networks are read from.
 */
public final class Backbones {

    /** Hyperparameter values of the Conv-4 layout: MAML's strided one or ProtoNet's pooled one. */
    public static final String STRIDED = "strided";
    public static final String POOLED = "pooled";

    private Backbones() {
    }

    /** {@code strided} or {@code pooled}; any other value names the field. */
    public static Conv4.Variant variant(String field, String value) {
        if (STRIDED.equals(value)) {
            return Conv4.Variant.STRIDED;
        }
        if (POOLED.equals(value)) {
            return Conv4.Variant.POOLED;
        }
        throw new IllegalArgumentException("hyperparameter '" + field + "' must be 'strided' or 'pooled', got '" + value + "'");
    }

    /** Number of input values of one example. */
    public static int inputSize(LearnerContext context) {
        int n = 1;
        for (int d : context.exampleShape()) {
            n *= d;
        }
        return n;
    }

    /**
     * The 1-output MLP with two hidden layers for regression; for classification Conv-4 with one
     * output per way (train and test ways must agree, since the head has one row per way).
     */
    public static FunctionalNetwork forContext(LearnerContext context, Conv4.Variant variant, int filters, int hidden,
                                               String algorithm) {
        if (context.kind() == TaskKind.REGRESSION) {
            return new Mlp(inputSize(context), new int[] {hidden, hidden}, 1);
        }
        int[] shape = imageShape(context, algorithm);
        return new Conv4(variant, shape[0], shape[1], shape[2], filters, context.trainSpec().ways());
    }

    /** The {channels, height, width} of the context's images, with equal train and test ways. */
    public static int[] imageShape(LearnerContext context, String algorithm) {
        if (context.trainSpec().ways() != context.testSpec().ways()) {
            throw new IllegalArgumentException(algorithm + "'s head has one output per way: train ways "
                    + context.trainSpec().ways() + " and test ways " + context.testSpec().ways() + " must be equal");
        }
        int[] shape = context.exampleShape();
        if (shape.length != 3) {
            throw new IllegalArgumentException("Conv-4 needs images of shape {channels, height, width}, got "
                    + Arrays.toString(shape));
        }
        return shape;
    }
}
