package dev.metatune.algorithms.relationnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import dev.metatune.algorithms.training.AdamUpdater;
import dev.metatune.algorithms.training.Batches;
import dev.metatune.algorithms.training.StateArrays;
import dev.metatune.learner.AdaptedModel;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.LearnerState;
import dev.metatune.learner.MetaLearner;
import dev.metatune.learner.StepResult;
import dev.metatune.task.Episode;
import dev.metatune.task.Examples;
import dev.metatune.task.TaskKind;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Relation Networks (Sung et al. 2018). One training step takes one episode: support and query
 * images go through the embedding module as one batch (BatchNorm with batch statistics), support
 * feature maps are summed per class, every (class, query) pair goes through the relation module, and
 * Adam minimises the mean squared error of the relation scores against the one-hot query labels
 * (the paper's loss), its learning rate halved every {@code lr_halve_every} episodes.
 *
 * <p>{@link #adapt} computes the class feature maps with BatchNorm running statistics, and
 * prediction scores each query alone (non-transductive); the scores are the relation scores.
 * (The authors' code keeps BatchNorm in training mode at test time, with momentum 1; this learner
 * follows the non-transductive protocol of the other metric learners here.)
 */
public final class RelationNetLearner implements MetaLearner {

    /** Counter name of the training episodes seen (the learning-rate schedule's position). */
    static final String EPISODES = "episodes";

    private final RelationNetConfig config;
    private final NDManager manager;
    private final RelationNetwork network;
    private final AdamUpdater adam;
    private long episodes;
    private boolean closed;

    public RelationNetLearner(RelationNetConfig config, LearnerContext context) {
        if (context.kind() != TaskKind.CLASSIFICATION) {
            throw new IllegalArgumentException("relationnet supports classification only, got " + context.kind());
        }
        this.config = config;
        this.manager = NDManager.newBaseManager(context.device(), "PyTorch");
        try {
            this.network = new RelationNetwork(manager, context.exampleShape(), config.filters(),
                    config.relationHidden(), new SplittableRandom(context.seed()));
            this.adam = new AdamUpdater(manager, network.parameters());
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
        Episode episode = Batches.singleClassificationEpisode(batch, "relationnet");
        Examples support = episode.support();
        Examples query = episode.query();
        int ways = episode.spec().ways();
        float[] lossAndAccuracy;
        try (NDManager step = manager.newSubManager()) {
            NDArray supportLabels = Batches.labels(step, support);
            NDArray queryLabels = Batches.labels(step, query);
            NDArray targets = queryLabels.oneHot(ways, DataType.FLOAT32);
            NDArray images = Batches.concatenated(step, support, query);
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDArray z = network.embed(images, true);
                int n = support.count();
                NDArray classes = RelationNetwork.classFeatures(z.get("{}:{}", 0, n), supportLabels, ways);
                NDArray scores = network.relate(z.get("{}:", n), classes, true);
                NDArray loss = scores.sub(targets).square().mean();
                collector.backward(loss);
                NDArray accuracy = scores.argMax(1).eq(queryLabels).toType(DataType.FLOAT32, false).mean();
                lossAndAccuracy = loss.stopGradient().reshape(1).concat(accuracy.reshape(1)).toFloatArray();
            }
            adam.step(config.learningRate(episodes));
        }
        episodes++;
        return new StepResult(lossAndAccuracy[0], lossAndAccuracy[1]);
    }

    @Override
    public AdaptedModel adapt(Examples support) {
        checkOpen();
        int ways = Batches.ways(support);
        int[] counts = new int[ways];
        for (int label : support.labels()) {
            counts[label]++;
        }
        for (int c = 0; c < ways; c++) {
            if (counts[c] == 0) {
                throw new IllegalArgumentException("support set has no example of class " + c + " (labels 0.."
                        + (ways - 1) + ")");
            }
        }
        NDManager modelManager = manager.newSubManager();
        try (NDManager scratch = manager.newSubManager()) {
            NDArray z = network.embed(Batches.inputs(scratch, support), false);
            NDArray classes = RelationNetwork.classFeatures(z, Batches.labels(scratch, support), ways).stopGradient();
            classes.attach(modelManager);
            return new RelationNetModel(network, classes, modelManager);
        } catch (RuntimeException e) {
            modelManager.close();
            throw e;
        }
    }

    @Override
    public long parameterCount() {
        return network.parameterCount();
    }

    @Override
    public long liveArrays() {
        return closed ? 0 : manager.getManagedArrays().size();
    }

    /** Both modules (parameters and BatchNorm running statistics), Adam's state and the episode count. */
    @Override
    public LearnerState saveState() {
        checkOpen();
        LearnerState.Builder state = LearnerState.builder(RelationNetProvider.NAME).counter(EPISODES, episodes);
        network.save(state);
        adam.save(state);
        return state.build();
    }

    @Override
    public void restoreState(LearnerState state) {
        checkOpen();
        long savedEpisodes = state.counter(EPISODES);
        long adamSteps = state.counter(AdamUpdater.STEPS);
        StateArrays restore = StateArrays.from(state);
        int n = network.expect(restore) + adam.expect(restore);
        state.checkFor(RelationNetProvider.NAME, n);
        restore.copy();
        adam.restoreStepCount(adamSteps);
        episodes = savedEpisodes;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this relationnet learner is closed");
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
