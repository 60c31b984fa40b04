package dev.metatune.algorithms.anil;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.metatune.algorithms.backbone.FunctionalNetwork;
import dev.metatune.algorithms.backbone.Normalization;
import dev.metatune.algorithms.backbone.ParameterSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A network split as ANIL needs it (Raghu, Raghu, Bengio and Vinyals, "Rapid Learning or Feature
 * Reuse? Towards Understanding the Effectiveness of MAML", ICLR 2020): a body (an embedding
 * {@link FunctionalNetwork}, ReLU applied to its output when {@code reluOnFeatures}) and a linear
 * head {@code head.weight [outputs, features]}, {@code head.bias [outputs]}, the last two
 * parameters. The whole is a {@link FunctionalNetwork} (body parameters, then the head's); the
 * inner loop evaluates the body once per task and only the head on its features.
 */
final class AnilNetwork implements FunctionalNetwork {

    static final int HEAD_PARAMETERS = 2;

    private final FunctionalNetwork body;
    private final boolean reluOnFeatures;
    private final int outputs;
    private final List<ParameterSpec> parameters;

    AnilNetwork(FunctionalNetwork body, boolean reluOnFeatures, int outputs) {
        if (outputs < 1) {
            throw new IllegalArgumentException("outputs must be at least 1, got " + outputs);
        }
        this.body = body;
        this.reluOnFeatures = reluOnFeatures;
        this.outputs = outputs;
        List<ParameterSpec> specs = new ArrayList<>(body.parameters());
        specs.add(new ParameterSpec("head.weight", new long[] {outputs, body.outputSize()}, ParameterSpec.Init.XAVIER_UNIFORM));
        specs.add(new ParameterSpec("head.bias", new long[] {outputs}, ParameterSpec.Init.ZEROS));
        this.parameters = List.copyOf(specs);
    }

    @Override
    public List<ParameterSpec> parameters() {
        return parameters;
    }

    @Override
    public long outputSize() {
        return outputs;
    }

    /** The body's parameters of a full list. */
    NDList body(NDList params) {
        return params.subNDList(0, params.size() - HEAD_PARAMETERS);
    }

    /** The head's parameters of a full list. */
    NDList head(NDList params) {
        return params.subNDList(params.size() - HEAD_PARAMETERS);
    }

    /** Features of {@code input} at the body's weights {@code bodyParams}. */
    NDArray features(NDList bodyParams, NDArray input, Normalization norm) {
        NDArray f = body.forward(bodyParams, input, norm);
        return reluOnFeatures ? JniUtils.relu((PtNDArray) f) : f;
    }

    /** The head's scores on {@code features} at {@code headParams} (weight, bias). */
    NDArray headOutput(NDList headParams, NDArray features) {
        return JniUtils.linear((PtNDArray) features, (PtNDArray) headParams.get(0), (PtNDArray) headParams.get(1));
    }

    /** BatchNorm statistics of the body (the head has none). */
    NDList bodyStatistics(NDList bodyParams, NDArray input) {
        return body.batchStatistics(bodyParams, input);
    }

    @Override
    public NDArray forward(NDList params, NDArray input, Normalization norm) {
        checkParams(params);
        return headOutput(head(params), features(body(params), input, norm));
    }

    @Override
    public NDList batchStatistics(NDList params, NDArray input) {
        checkParams(params);
        return bodyStatistics(body(params), input);
    }

    private void checkParams(NDList params) {
        if (params.size() != parameters.size()) {
            throw new IllegalArgumentException("ANIL network expects " + parameters.size() + " parameters, got " + params.size());
        }
    }

    @Override
    public String toString() {
        return "Anil[" + body + " -> head " + outputs + "]";
    }
}
