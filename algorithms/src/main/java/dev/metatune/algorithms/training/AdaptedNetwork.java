package dev.metatune.algorithms.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.metatune.algorithms.backbone.FunctionalNetwork;
import dev.metatune.algorithms.backbone.Normalization;
import dev.metatune.learner.AdaptedModel;
import dev.metatune.learner.Prediction;
import dev.metatune.task.Examples;
import dev.metatune.task.TaskKind;

/**
 * A {@link FunctionalNetwork} at weights adapted to one task, detached from the meta-parameters
 * (own copies in a sub-manager of the learner's), with the BatchNorm statistics its queries are
 * normalised with: their own batch's (transductive) or statistics fixed at adaptation (the support
 * set's, or running statistics). Closing it frees everything it holds.
 */
public final class AdaptedNetwork implements AdaptedModel {

    private final NDManager scope;
    private final FunctionalNetwork network;
    private final NDList weights;
    private final NDList statistics;
    private final TaskTensors tensors;

    private AdaptedNetwork(NDManager scope, FunctionalNetwork network, NDList weights, NDList statistics,
                           TaskTensors tensors) {
        this.scope = scope;
        this.network = network;
        this.weights = weights;
        this.statistics = statistics;
        this.tensors = tensors;
    }

    /**
     * Copies {@code adapted} (and {@code statistics}, when not null) into a new sub-manager of
     * {@code parent}, without history; the caller keeps and closes the originals.
     */
    public static AdaptedNetwork of(NDManager parent, FunctionalNetwork network, NDList adapted, NDList statistics,
                                    TaskTensors tensors) {
        NDManager scope = parent.newSubManager();
        try (GradMode off = GradMode.disabled()) {
            return new AdaptedNetwork(scope, network, copy(adapted, scope), statistics == null ? null : copy(statistics, scope),
                    tensors);
        } catch (RuntimeException e) {
            scope.close();
            throw e;
        }
    }

    /** Detached copies with their own storage in {@code scope}. */
    public static NDList copy(NDList arrays, NDManager scope) {
        NDList out = new NDList(arrays.size());
        for (NDArray a : arrays) {
            NDArray detached = a.stopGradient();
            NDArray copy = detached.duplicate();
            detached.close();
            copy.attach(scope);
            out.add(copy);
        }
        return out;
    }

    @Override
    public Prediction predict(Examples query) {
        if (query.kind() != tensors.kind()) {
            throw new IllegalArgumentException("this model was adapted to " + tensors.kind() + " tasks, got " + query.kind());
        }
        try (NDManager work = scope.newSubManager(); GradMode off = GradMode.disabled()) {
            NDArray xq = tensors.input(work, query);
            Normalization norm = statistics == null ? Normalization.batch() : Normalization.fixed(statistics);
            float[] scores = network.forward(weights, xq, norm).toType(DataType.FLOAT32, false).toFloatArray();
            if (tensors.kind() == TaskKind.REGRESSION) {
                return Prediction.regression(scores);
            }
            int ways = (int) network.outputSize();
            int[] labels = new int[query.count()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = TaskTensors.argmax(scores, i * ways, ways);
            }
            return Prediction.classes(labels, scores);
        }
    }

    @Override
    public void close() {
        scope.close();
    }
}
