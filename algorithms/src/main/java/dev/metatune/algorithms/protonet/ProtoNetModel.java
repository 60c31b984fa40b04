package dev.metatune.algorithms.protonet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.metatune.algorithms.training.Batches;
import dev.metatune.algorithms.training.ClassPredictions;
import dev.metatune.algorithms.training.Conv4Embedding;
import dev.metatune.learner.AdaptedModel;
import dev.metatune.learner.Prediction;
import dev.metatune.task.Examples;

/**
 * A ProtoNet adapted to one support set: the class prototypes (Snell et al. 2017). Predicts the
 * nearest prototype in squared Euclidean distance, embedding each query with BatchNorm running
 * statistics; the scores are minus the squared distances. Valid while its learner is open.
 */
final class ProtoNetModel implements AdaptedModel {

    private final Conv4Embedding embedding;
    private final NDArray prototypes;
    private final NDManager manager;

    ProtoNetModel(Conv4Embedding embedding, NDArray prototypes, NDManager manager) {
        this.embedding = embedding;
        this.prototypes = prototypes;
        this.manager = manager;
    }

    @Override
    public Prediction predict(Examples query) {
        if (!manager.isOpen()) {
            throw new IllegalStateException("this adapted protonet model is closed");
        }
        try (NDManager scratch = manager.newSubManager()) {
            prototypes.tempAttach(scratch); // back to this model's manager when scratch closes
            NDArray z = embedding.forward(Batches.inputs(scratch, query), false);
            NDArray logits = Prototypes.negativeSquaredDistances(z, prototypes);
            return ClassPredictions.of(logits);
        }
    }

    /** The prototypes, row by row ({@code [ways][features]}), copied to the host. */
    float[][] prototypes() {
        long[] shape = prototypes.getShape().getShape();
        float[] flat = prototypes.toFloatArray();
        float[][] rows = new float[(int) shape[0]][(int) shape[1]];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(flat, i * rows[i].length, rows[i], 0, rows[i].length);
        }
        return rows;
    }

    @Override
    public void close() {
        manager.close();
    }
}
