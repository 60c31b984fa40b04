package dev.metatune.algorithms.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.metatune.algorithms.training.AdamUpdater;
import dev.metatune.algorithms.training.Batches;
import dev.metatune.algorithms.training.Conv4Embedding;
import dev.metatune.algorithms.training.Losses;
import dev.metatune.algorithms.training.NamedParameter;
import dev.metatune.algorithms.training.StateArrays;
import dev.metatune.learner.AdaptedModel;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.LearnerState;
import dev.metatune.learner.MetaLearner;
import dev.metatune.learner.StepResult;
import dev.metatune.task.Episode;
import dev.metatune.task.EpisodeSeeds;
import dev.metatune.task.Examples;
import dev.metatune.task.TaskKind;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The transfer baselines of Chen et al. 2019 ("A Closer Look at Few-shot Classification"):
 * Baseline (linear head) and Baseline++ (cosine head, {@link CosineHead}).
 *
 * <p>Pretraining: each {@link #metaTrainStep} treats the support and query images of its episodes
 * as one labelled mini-batch, with labels mapped through {@link Episode#classIds()} to the classes
 * of the meta-training split ({@code LearnerContext.trainClassCount()} of them); a head over all of
 * them sits on the Conv-4 backbone and Adam minimises the cross-entropy of backbone and head.
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
    private final int trainClasses;
    private final NDManager manager;
    private final Conv4Embedding backbone;
    private final ClassifierHead head;
    private final AdamUpdater adam;
    private boolean closed;

    public BaselineLearner(BaselineConfig config, HeadKind headKind, LearnerContext context) {
        this(config, headKind, context, null);
    }

    /** With {@code parent} non-null, every array of this learner lives in a sub-manager of it (tests check leaks so). */
    BaselineLearner(BaselineConfig config, HeadKind headKind, LearnerContext context, NDManager parent) {
        if (context.kind() != TaskKind.CLASSIFICATION) {
            throw new IllegalArgumentException("transfer baselines support classification only, got " + context.kind());
        }
        if (context.trainClassCount() < 2) {
            throw new IllegalArgumentException("trainClassCount must be at least 2 to pretrain a classifier, got "
                    + context.trainClassCount());
        }
        this.config = config;
        this.headKind = headKind;
        this.seed = context.seed();
        this.trainClasses = context.trainClassCount();
        this.manager = parent == null ? NDManager.newBaseManager(context.device(), "PyTorch")
                : parent.newSubManager(context.device());
        try {
            SplittableRandom random = new SplittableRandom(seed);
            this.backbone = Conv4Embedding.forExampleShape(manager, context.exampleShape(), config.filters(), random);
            this.head = headKind.create(manager, backbone.outputSize(), trainClasses,
                    BaselineConfig.scaleFor(config.pretrainScale(), trainClasses), random);
            List<NamedParameter> all = new ArrayList<>(backbone.parameters());
            all.addAll(head.parameters());
            this.adam = new AdamUpdater(manager, all);
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
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("batch must hold at least one episode");
        }
        int total = 0;
        for (Episode e : batch) {
            if (e.kind() != TaskKind.CLASSIFICATION) {
                throw new IllegalArgumentException("transfer baselines need classification episodes, got " + e.kind());
            }
            total += e.support().count() + e.query().count();
        }
        float[] images = null;
        long[] labels = new long[total];
        int[] shape = batch.get(0).support().exampleShape();
        int per = batch.get(0).support().valuesPerExample();
        images = new float[total * per];
        int row = 0;
        for (Episode e : batch) {
            for (Examples part : List.of(e.support(), e.query())) {
                if (!java.util.Arrays.equals(part.exampleShape(), shape)) {
                    throw new IllegalArgumentException("episodes of a batch must share one example shape");
                }
                System.arraycopy(part.inputs(), 0, images, row * per, part.count() * per);
                for (int i = 0; i < part.count(); i++) {
                    int global = e.classIds()[part.labels()[i]];
                    if (global < 0 || global >= trainClasses) {
                        throw new IllegalArgumentException("episode " + e.index() + " has class id " + global
                                + " outside the " + trainClasses + " meta-training classes");
                    }
                    labels[row + i] = global;
                }
                row += part.count();
            }
        }
        float[] lossAndAccuracy;
        try (NDManager step = manager.newSubManager()) {
            head.attachTo(step);
            long[] batchShape = new long[shape.length + 1];
            batchShape[0] = total;
            for (int i = 0; i < shape.length; i++) {
                batchShape[i + 1] = shape[i];
            }
            NDArray x = step.create(images, new ai.djl.ndarray.types.Shape(batchShape));
            NDArray y = step.create(labels);
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDArray logits = head.logits(backbone.forward(x, true));
                NDArray loss = Losses.crossEntropy(logits, y);
                collector.backward(loss);
                lossAndAccuracy = Losses.lossAndAccuracy(loss, logits, y);
            }
            adam.step(config.lr());
        }
        return new StepResult(lossAndAccuracy[0], lossAndAccuracy[1]);
    }

    @Override
    public AdaptedModel adapt(Examples support) {
        checkOpen();
        int ways = Batches.ways(support);
        SplittableRandom random = new SplittableRandom(EpisodeSeeds.mix(seed ^ FINETUNE_STREAM));
        NDManager modelManager = manager.newSubManager();
        try {
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
        long n = backbone.parameterCount();
        for (NamedParameter p : head.parameters()) {
            n += p.array().size();
        }
        return n;
    }

    /** Backbone (parameters and BatchNorm running statistics), the pretraining head, Adam's state. */
    @Override
    public LearnerState saveState() {
        checkOpen();
        LearnerState.Builder state = LearnerState.builder(algorithmName());
        backbone.save("", state);
        for (NamedParameter p : head.parameters()) {
            state.tensor(StateArrays.save(p.name(), p.array()));
        }
        adam.save(state);
        return state.build();
    }

    @Override
    public void restoreState(LearnerState state) {
        checkOpen();
        long adamSteps = state.counter(AdamUpdater.STEPS);
        StateArrays restore = StateArrays.from(state);
        int n = backbone.expect("", restore);
        for (NamedParameter p : head.parameters()) {
            restore.expect(p.name(), p.array());
            n++;
        }
        n += adam.expect(restore);
        state.checkFor(algorithmName(), n);
        restore.copy();
        adam.restoreStepCount(adamSteps);
    }

    private String algorithmName() {
        return headKind == HeadKind.LINEAR ? "baseline" : "baseline-pp";
    }

    /** Arrays under this learner's manager (parameters, optimizer state, open adapted models); 0 once closed. */
    @Override
    public long liveArrays() {
        return closed ? 0 : manager.getManagedArrays().size();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this " + algorithmName() + " learner is closed");
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
