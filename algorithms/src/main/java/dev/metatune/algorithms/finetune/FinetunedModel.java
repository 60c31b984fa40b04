package dev.metatune.algorithms.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.metatune.algorithms.baseline.LinearHead;
import dev.metatune.algorithms.training.Batches;
import dev.metatune.algorithms.training.Conv4Embedding;
import dev.metatune.learner.AdaptedModel;
import dev.metatune.learner.Prediction;
import dev.metatune.task.Examples;

/**
 * A network fine-tuned on one support set: its own copy of the backbone and its new head (both in
 * this model's manager), BatchNorm with the pretrained running statistics. Scores are logits.
 */
final class FinetunedModel implements AdaptedModel {

    private final Conv4Embedding backbone;
    private final LinearHead head;
    private final NDManager manager;
    private final double initialLoss;
    private final double finalLoss;

    FinetunedModel(Conv4Embedding backbone, LinearHead head, NDManager manager, double initialLoss, double finalLoss) {
        this.backbone = backbone;
        this.head = head;
        this.manager = manager;
        this.initialLoss = initialLoss;
        this.finalLoss = finalLoss;
    }

    @Override
    public Prediction predict(Examples query) {
        if (!manager.isOpen()) {
            throw new IllegalStateException("this fine-tuned model is closed");
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

    /** The fine-tuned copy of the backbone (for tests). */
    Conv4Embedding backbone() {
        return backbone;
    }

    /** Support cross-entropy before the first fine-tuning step. */
    double initialLoss() {
        return initialLoss;
    }

    /** Support cross-entropy after the last fine-tuning step. */
    double finalLoss() {
        return finalLoss;
    }

    @Override
    public void close() {
        manager.close();
    }
}
