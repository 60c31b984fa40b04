package dev.metatune.algorithms.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.metatune.algorithms.training.Batches;
import dev.metatune.algorithms.training.ClassPredictions;
import dev.metatune.algorithms.training.Conv4Embedding;
import dev.metatune.learner.AdaptedModel;
import dev.metatune.learner.Prediction;
import dev.metatune.task.Examples;

/**
 * A network adapted to one support set by fitting a new head (Chen et al. 2019): a backbone (BatchNorm
 * with running statistics) and the head. The transfer baselines keep their learner's frozen backbone
 * (the model is valid while that learner is open); {@code finetune} gives each model its own fine-tuned
 * copy of the backbone. The head, and such a copy, live in the model's manager. Scores are logits.
 */
public final class FineTunedModel implements AdaptedModel {

    private final Conv4Embedding backbone;
    private final ClassifierHead head;
    private final NDManager manager;
    private final double initialSupportLoss;
    private final double finalSupportLoss;

    /** Owns {@code manager} (closed with the model); the losses are the support cross-entropy before and after fitting. */
    public FineTunedModel(Conv4Embedding backbone, ClassifierHead head, NDManager manager, double initialSupportLoss,
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
            return ClassPredictions.of(logits);
        }
    }

    /** The backbone the model classifies with. */
    public Conv4Embedding backbone() {
        return backbone;
    }

    /** Cross-entropy of the new head on the support set before fitting. */
    public double initialSupportLoss() {
        return initialSupportLoss;
    }

    /** Cross-entropy of the new head on the support set after fitting. */
    public double finalSupportLoss() {
        return finalSupportLoss;
    }

    @Override
    public void close() {
        manager.close();
    }
}
