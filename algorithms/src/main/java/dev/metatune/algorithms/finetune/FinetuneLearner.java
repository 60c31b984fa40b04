package dev.metatune.algorithms.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import dev.metatune.algorithms.baseline.FineTunedModel;
import dev.metatune.algorithms.baseline.HeadKind;
import dev.metatune.algorithms.baseline.LinearHead;
import dev.metatune.algorithms.baseline.Pretraining;
import dev.metatune.algorithms.training.Batches;
import dev.metatune.algorithms.training.Conv4Embedding;
import dev.metatune.algorithms.training.Losses;
import dev.metatune.algorithms.training.NamedParameter;
import dev.metatune.algorithms.training.SgdUpdater;
import dev.metatune.algorithms.training.StateArrays;
import dev.metatune.learner.AdaptedModel;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.LearnerState;
import dev.metatune.learner.MetaLearner;
import dev.metatune.learner.StepResult;
import dev.metatune.task.Episode;
import dev.metatune.task.EpisodeSeeds;
import dev.metatune.task.Examples;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Pretrain, then fine-tune all layers.
 *
 * <p>Pretraining: {@code baseline}'s ({@link Pretraining}, Chen et al. 2019). Each
 * {@link #metaTrainStep} treats the images of its episodes as one labelled mini-batch over all
 * meta-train classes, and Adam trains the Conv-4 backbone with a linear head.
 *
 * <p>Adaptation: {@link #adapt} copies the pretrained backbone, puts a new linear head over the
 * episode's classes on it (PyTorch's default initialisation, from the learner's seed alone, so an
 * episode's result does not depend on which episodes came before), and runs {@code finetune_steps}
 * full-batch SGD steps (momentum, dampening and weight decay as in Chen et al.'s code, as
 * {@code baseline} fits its head) on the support cross-entropy, updating the head and the backbone
 * layers {@code freeze} leaves trainable. BatchNorm uses the pretrained running statistics
 * throughout (a 1-shot support set is too small for batch statistics); its gamma and beta are
 * fine-tuned with their block. The learner's own weights never change in adaptation.
 */
public final class FinetuneLearner implements MetaLearner {

    private static final long FINETUNE_STREAM = 0x0f17_e700_11e5_0002L;

    private final FinetuneConfig config;
    private final long seed;
    private final int[] exampleShape;
    private final NDManager manager;
    private final Pretraining pretraining;
    private boolean closed;

    public FinetuneLearner(FinetuneConfig config, LearnerContext context) {
        this.config = config;
        this.seed = context.seed();
        this.exampleShape = context.exampleShape().clone();
        this.manager = NDManager.newBaseManager(context.device(), "PyTorch");
        try {
            this.pretraining = new Pretraining(FinetuneProvider.NAME, manager, context, config.filters(), HeadKind.LINEAR, 0);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public int metaBatchSize() {
        return 1;
    }

    @Override
    public StepResult metaTrainStep(List<Episode> batch) {
        checkOpen();
        return pretraining.step(batch, config.lr());
    }

    @Override
    public AdaptedModel adapt(Examples support) {
        checkOpen();
        int ways = Batches.ways(support);
        SplittableRandom random = new SplittableRandom(EpisodeSeeds.mix(seed ^ FINETUNE_STREAM));
        NDManager modelManager = manager.newSubManager();
        try {
            Conv4Embedding copy = copyOfBackbone(modelManager);
            LinearHead newHead = new LinearHead(modelManager, copy.outputSize(), ways, random);
            List<NamedParameter> trained = new ArrayList<>(config.freeze().trainedBackbone(copy.parameters()));
            trained.addAll(newHead.parameters());
            double[] losses = fineTune(modelManager, copy, newHead, trained, support);
            return new FineTunedModel(copy, newHead, modelManager, losses[0], losses[1]);
        } catch (RuntimeException e) {
            modelManager.close();
            throw e;
        }
    }

    /** A new backbone in {@code target} holding this learner's pretrained values (parameters and running statistics). */
    private Conv4Embedding copyOfBackbone(NDManager target) {
        Conv4Embedding copy = Conv4Embedding.forExampleShape(target, exampleShape, config.filters(),
                new SplittableRandom(0));
        LearnerState.Builder values = LearnerState.builder(FinetuneProvider.NAME);
        // reading a channels-last weight back makes a contiguous copy beside it: the scope frees those
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            pretraining.backbone().save("", values);
        }
        StateArrays restore = StateArrays.from(values.build());
        copy.expect("", restore);
        restore.copy();
        return copy;
    }

    /** Runs the SGD steps; returns the support loss before the first and after the last step. */
    private double[] fineTune(NDManager modelManager, Conv4Embedding network, LinearHead newHead,
                              List<NamedParameter> trained, Examples support) {
        double first = Double.NaN;
        double last = Double.NaN;
        try (NDManager scratch = modelManager.newSubManager();
             SgdUpdater sgd = new SgdUpdater(scratch, trained, config.finetuneMomentum(),
                     config.finetuneDampening(), config.finetuneWeightDecay())) {
            NDArray x = Batches.inputs(scratch, support);
            NDArray y = Batches.labels(scratch, support);
            for (int s = 0; s < config.finetuneSteps(); s++) {
                try (NDManager step = scratch.newSubManager()) {
                    newHead.attachTo(step);
                    NDArray input = x.duplicate();
                    input.attach(step);
                    try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                        NDArray loss = Losses.crossEntropy(newHead.logits(network.forward(input, false)), y);
                        collector.backward(loss);
                        if (s == 0) {
                            first = loss.getFloat();
                        }
                    }
                    sgd.step(config.finetuneLr());
                }
            }
            try (NDManager step = scratch.newSubManager()) {
                newHead.attachTo(step);
                NDArray input = x.duplicate();
                input.attach(step);
                last = Losses.crossEntropy(newHead.logits(network.forward(input, false)), y).getFloat();
                if (Double.isNaN(first)) {
                    first = last;
                }
            }
        }
        return new double[] {first, last};
    }

    @Override
    public long parameterCount() {
        return pretraining.parameterCount();
    }

    /** Backbone (parameters and BatchNorm running statistics), the pretraining head, Adam's state. */
    @Override
    public LearnerState saveState() {
        checkOpen();
        return pretraining.save();
    }

    @Override
    public void restoreState(LearnerState state) {
        checkOpen();
        pretraining.restore(state);
    }

    @Override
    public long liveArrays() {
        return closed ? 0 : manager.getManagedArrays().size();
    }

    /** The pretrained backbone (for tests); owned by this learner. */
    Conv4Embedding backbone() {
        return pretraining.backbone();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this finetune learner is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }
}
