package dev.metatune.algorithms.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;

/**
 * A fully connected network with ReLU between layers, as a {@link FunctionalNetwork}; Finn, Abbeel
 * and Levine 2017 use 1 -> 40 -> 40 -> 1 for sinusoid regression. Parameters, in order:
 * {@code fcI.weight [out, in]} (Xavier-uniform) and {@code fcI.bias} (0) for each layer.
 * It has no BatchNorm, so {@link Normalization} is ignored.
 */
public final class Mlp implements FunctionalNetwork {

    private final int inputs;
    private final int[] hidden;
    private final int outputs;
    private final List<ParameterSpec> parameters;

    public Mlp(int inputs, int[] hidden, int outputs) {
        if (inputs < 1) {
            throw new IllegalArgumentException("inputs must be at least 1, got " + inputs);
        }
        if (outputs < 1) {
            throw new IllegalArgumentException("outputs must be at least 1, got " + outputs);
        }
        List<ParameterSpec> specs = new ArrayList<>();
        int in = inputs;
        int layer = 1;
        for (int h : hidden) {
            if (h < 1) {
                throw new IllegalArgumentException("hidden layer sizes must be at least 1, got " + h);
            }
            specs.add(new ParameterSpec("fc" + layer + ".weight", new long[] {h, in}, ParameterSpec.Init.XAVIER_UNIFORM));
            specs.add(new ParameterSpec("fc" + layer + ".bias", new long[] {h}, ParameterSpec.Init.ZEROS));
            in = h;
            layer++;
        }
        specs.add(new ParameterSpec("fc" + layer + ".weight", new long[] {outputs, in}, ParameterSpec.Init.XAVIER_UNIFORM));
        specs.add(new ParameterSpec("fc" + layer + ".bias", new long[] {outputs}, ParameterSpec.Init.ZEROS));
        this.inputs = inputs;
        this.hidden = hidden.clone();
        this.outputs = outputs;
        this.parameters = List.copyOf(specs);
    }

    /** Finn et al. 2017's sinusoid network: 1 -> 40 -> 40 -> 1. */
    public static Mlp sinusoid() {
        return new Mlp(1, new int[] {40, 40}, 1);
    }

    @Override
    public List<ParameterSpec> parameters() {
        return parameters;
    }

    @Override
    public long outputSize() {
        return outputs;
    }

    @Override
    public NDArray forward(NDList params, NDArray input, Normalization norm) {
        if (params.size() != parameters.size()) {
            throw new IllegalArgumentException("Mlp expects " + parameters.size() + " parameters, got " + params.size());
        }
        PtNDArray x = (PtNDArray) input.reshape(input.getShape().get(0), inputs);
        int layers = hidden.length + 1;
        for (int l = 0; l < layers; l++) {
            x = JniUtils.linear(x, (PtNDArray) params.get(2 * l), (PtNDArray) params.get(2 * l + 1));
            if (l < layers - 1) {
                x = JniUtils.relu(x);
            }
        }
        return x;
    }

    @Override
    public NDList batchStatistics(NDList params, NDArray input) {
        return new NDList();
    }

    @Override
    public String toString() {
        return "Mlp[" + inputs + " -> " + java.util.Arrays.toString(hidden) + " -> " + outputs + "]";
    }
}
