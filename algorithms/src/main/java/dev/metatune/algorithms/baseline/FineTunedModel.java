package dev.metatune.algorithms.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.metatune.algorithms.training.Batches;
import dev.metatune.algorithms.training.Conv4Embedding;
import dev.metatune.learner.AdaptedModel;
import dev.metatune.learner.Prediction;
import dev.metatune.task.Examples;

/**
 * A transfer baseline adapted to one support set (Chen et al. 2019): the frozen backbone (BatchNorm
 * with running statistics) and the head fitted on the support features. Valid while its learner is open.
 */
final class FineTunedModel implements AdaptedModel {

    private final Conv4Embedding backbone;
    private final ClassifierHead head;
    private final NDManager manager;
    private final double initialSupportLoss;
    private final double finalSupportLoss;

    FineTunedModel(Conv4Embedding backbone, ClassifierHead head, NDManager manager, double initialSupportLoss,
                   double finalSupportLoss) {
        this.backbone = backbone;
        this.head = head;
        this.manager = manager;
        this.initialSupportLoss = initialSupportLoss;
        this.finalSupportLoss = finalSupportLoss;
    }

    @Override
    public Prediction predict(Examples query) {
        if (!manager.isOpen()) {
            throw new IllegalStateException("this adapted model is closed");
        }
        try (NDManager scratch = manager.newSubManager()) {
            head.attachTo(scratch);
            NDArray logits = head.logits(backbone.forward(Batches.inputs(scratch, query), false));
            float[] scores = logits.toFloatArray();
            long[] best = logits.argMax(1).toLongArray();
            int[] labels = new int[best.length];
            for (int i = 0; i < best.length; i++) {
                labels[i] = (int) best[i];
            }
            return Prediction.classes(labels, scores);
        }
    }

    /** Cross-entropy of the new head on the support set before fitting. */
    double initialSupportLoss() {
        return initialSupportLoss;
    }

    /** Cross-entropy of the new head on the support set after fitting. */
    double finalSupportLoss() {
        return finalSupportLoss;
    }

    @Override
    public void close() {
        manager.close();
    }
}
