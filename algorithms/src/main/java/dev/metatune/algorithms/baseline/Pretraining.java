package dev.metatune.algorithms.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.metatune.algorithms.training.AdamUpdater;
import dev.metatune.algorithms.training.Conv4Embedding;
import dev.metatune.algorithms.training.Losses;
import dev.metatune.algorithms.training.NamedParameter;
import dev.metatune.algorithms.training.StateArrays;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.LearnerState;
import dev.metatune.learner.StepResult;
import dev.metatune.task.Episode;
import dev.metatune.task.TaskKind;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The pretraining that the transfer recipes share: {@code baseline} and {@code baseline-pp} (Chen et
 * al. 2019) and {@code finetune}, which differ only in how they adapt. A Conv-4 backbone with a head
 * over all meta-training classes ({@code LearnerContext.trainClassCount()} of them). Each
 * {@link #step} trains both with Adam on the cross-entropy of one {@link PretrainBatch}: the support
 * and query images of the step's episodes, each labelled with its meta-training class.
 *
 * <p>Its arrays live in the manager the learner gives it, which the learner closes. The backbone
 * comes first from the learner's seed, then the head, so a learner's initial weights depend on its
 * seed alone.
 */
public final class Pretraining {

    private final String algorithm;
    private final int trainClasses;
    private final NDManager manager;
    private final Conv4Embedding backbone;
    private final ClassifierHead head;
    private final AdamUpdater adam;

    /**
     * @param algorithm   the learner's name, for messages and its saved state
     * @param manager     the learner's manager, which holds every array of this pretraining
     * @param context     the learner's context: classification, with at least two meta-training classes
     * @param filters     the backbone's channels per block
     * @param headKind    the pretraining head's kind
     * @param cosineScale the scale of a cosine head (unused by a linear one)
     */
    public Pretraining(String algorithm, NDManager manager, LearnerContext context, int filters, HeadKind headKind,
                       double cosineScale) {
        checkContext(algorithm, context);
        this.algorithm = algorithm;
        this.trainClasses = context.trainClassCount();
        this.manager = manager;
        SplittableRandom random = new SplittableRandom(context.seed());
        this.backbone = Conv4Embedding.forExampleShape(manager, context.exampleShape(), filters, random);
        this.head = headKind.create(manager, backbone.outputSize(), trainClasses, cosineScale, random);
        List<NamedParameter> all = new ArrayList<>(backbone.parameters());
        all.addAll(head.parameters());
        this.adam = new AdamUpdater(manager, all);
    }

    /** Fails unless {@code context} is one a pretraining can serve: classification over two or more classes. */
    private static void checkContext(String algorithm, LearnerContext context) {
        if (context.kind() != TaskKind.CLASSIFICATION) {
            throw new IllegalArgumentException(algorithm + " supports classification only, got " + context.kind());
        }
        if (context.trainClassCount() < 2) {
            throw new IllegalArgumentException("trainClassCount must be at least 2 to pretrain a classifier, got "
                    + context.trainClassCount());
        }
    }

    /** One Adam step at rate {@code lr} on the images of {@code batch}; the loss and accuracy before the step. */
    public StepResult step(List<Episode> batch, double lr) {
        PretrainBatch data = PretrainBatch.of(algorithm, batch, trainClasses);
        float[] lossAndAccuracy;
        try (NDManager step = manager.newSubManager()) {
            head.attachTo(step);
            NDArray x = step.create(data.images(), new Shape(data.shape()));
            NDArray y = step.create(data.labels());
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDArray logits = head.logits(backbone.forward(x, true));
                NDArray loss = Losses.crossEntropy(logits, y);
                collector.backward(loss);
                lossAndAccuracy = Losses.lossAndAccuracy(loss, logits, y);
            }
            adam.step(lr);
        }
        return new StepResult(lossAndAccuracy[0], lossAndAccuracy[1]);
    }

    /** The pretrained backbone, owned by this pretraining. */
    public Conv4Embedding backbone() {
        return backbone;
    }

    /** Parameters of the backbone and the pretraining head. */
    public long parameterCount() {
        long n = backbone.parameterCount();
        for (NamedParameter p : head.parameters()) {
            n += p.array().size();
        }
        return n;
    }

    /** Backbone (parameters and BatchNorm running statistics), the pretraining head, Adam's state. */
    public LearnerState save() {
        LearnerState.Builder state = LearnerState.builder(algorithm);
        backbone.save("", state);
        for (NamedParameter p : head.parameters()) {
            state.tensor(StateArrays.save(p.name(), p.array()));
        }
        adam.save(state);
        return state.build();
    }

    /** Puts back what {@link #save} wrote; a state of another algorithm or shape is refused before anything changes. */
    public void restore(LearnerState state) {
        long adamSteps = state.counter(AdamUpdater.STEPS);
        StateArrays restore = StateArrays.from(state);
        int n = backbone.expect("", restore);
        for (NamedParameter p : head.parameters()) {
            restore.expect(p.name(), p.array());
            n++;
        }
        n += adam.expect(restore);
        state.checkFor(algorithm, n);
        restore.copy();
        adam.restoreStepCount(adamSteps);
    }
}
