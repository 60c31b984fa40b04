package dev.metatune.algorithms.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.metatune.algorithms.training.Batches;
import dev.metatune.algorithms.training.Conv4Embedding;
import dev.metatune.learner.AdaptedModel;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.LearnerState;
import dev.metatune.learner.MetaLearner;
import dev.metatune.learner.StepResult;
import dev.metatune.task.Episode;
import dev.metatune.task.EpisodeSeeds;
import dev.metatune.task.Examples;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The transfer baselines of Chen et al. 2019 ("A Closer Look at Few-shot Classification"):
 * Baseline (linear head) and Baseline++ (cosine head, {@link CosineHead}).
 *
 * <p>Pretraining ({@link Pretraining}): each {@link #metaTrainStep} treats the support and query
 * images of its episodes as one labelled mini-batch over all meta-training classes; a head of the
 * learner's kind sits on the Conv-4 backbone and Adam minimises the cross-entropy of both.
 *
 * <p>Adaptation: {@link #adapt} freezes the backbone, computes the support features once (BatchNorm
 * with running statistics), and fits a new head of the same kind over the episode's classes with
 * SGD (momentum, dampening and weight decay as in Chen et al.'s code) for {@code finetune_epochs}
 * shuffled passes in batches of {@code finetune_batch}. The new head's initial weights and the
 * shuffling come from the learner's seed alone, so an episode's result does not depend on which
 * episodes were adapted before.
 */
public final class BaselineLearner implements MetaLearner {

    private static final long FINETUNE_STREAM = 0x7e11_0b5e_11e5_0001L;

    private final BaselineConfig config;
    private final HeadKind headKind;
    private final long seed;
    private final NDManager manager;
    private final Pretraining pretraining;
    private boolean closed;

    public BaselineLearner(BaselineConfig config, HeadKind headKind, LearnerContext context) {
        this(config, headKind, context, null);
    }

    /** With {@code parent} non-null, every array of this learner lives in a sub-manager of it (tests check leaks so). */
    BaselineLearner(BaselineConfig config, HeadKind headKind, LearnerContext context, NDManager parent) {
        this.config = config;
        this.headKind = headKind;
        this.seed = context.seed();
        this.manager = parent == null ? NDManager.newBaseManager(context.device(), "PyTorch")
                : parent.newSubManager(context.device());
        try {
            this.pretraining = new Pretraining(name(headKind), manager, context, config.filters(), headKind,
                    BaselineConfig.scaleFor(config.pretrainScale(), context.trainClassCount()));
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
            Conv4Embedding backbone = pretraining.backbone();
            ClassifierHead newHead = headKind.create(modelManager, backbone.outputSize(), ways,
                    BaselineConfig.scaleFor(config.finetuneScale(), ways), random);
            HeadFitter.Result fit;
            try (NDManager scratch = modelManager.newSubManager()) {
                NDArray features = backbone.forward(Batches.inputs(scratch, support), false).stopGradient();
                NDArray labels = Batches.labels(scratch, support);
                fit = new HeadFitter(config).fit(newHead, features, labels, random);
            }
            return new FineTunedModel(backbone, newHead, modelManager, fit.initialLoss(), fit.finalLoss());
        } catch (RuntimeException e) {
            modelManager.close();
            throw e;
        }
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

    private static String name(HeadKind headKind) {
        return headKind == HeadKind.LINEAR ? "baseline" : "baseline-pp";
    }

    /** Arrays under this learner's manager (parameters, optimizer state, open adapted models); 0 once closed. */
    @Override
    public long liveArrays() {
        return closed ? 0 : manager.getManagedArrays().size();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this " + name(headKind) + " learner is closed");
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
