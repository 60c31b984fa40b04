package dev.metatune.algorithms.relationnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.metatune.algorithms.training.Batches;
import dev.metatune.algorithms.training.EpisodicStep;
import dev.metatune.algorithms.training.EpisodicTraining;
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

    private final RelationNetConfig config;
    private final NDManager manager;
    private final RelationNetwork network;
    private final EpisodicTraining training;
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
            this.training = new EpisodicTraining(RelationNetProvider.NAME, manager, network.parameters(), network::save,
                    network::expect);
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
        return training.step(batch, config::learningRate, (images, n, supportLabels, queryLabels, ways) -> {
            NDArray z = network.embed(images, true);
            NDArray classes = RelationNetwork.classFeatures(z.get("{}:{}", 0, n), supportLabels, ways);
            NDArray scores = network.relate(z.get("{}:", n), classes, true);
            NDArray targets = queryLabels.oneHot(ways, DataType.FLOAT32);
            return new EpisodicStep.Scored(scores.sub(targets).square().mean(), scores);
        });
    }

    @Override
    public AdaptedModel adapt(Examples support) {
        checkOpen();
        int ways = Batches.waysWithEveryClass(support);
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
        return training.save();
    }

    @Override
    public void restoreState(LearnerState state) {
        checkOpen();
        training.restore(state);
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
