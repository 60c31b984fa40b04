package dev.metatune.algorithms.relationnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.metatune.algorithms.training.EpisodicStep;
import dev.metatune.algorithms.training.EpisodicLearner;
import dev.metatune.learner.AdaptedModel;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.StepResult;
import dev.metatune.task.Episode;
import dev.metatune.task.Examples;
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
public final class RelationNetLearner extends EpisodicLearner {

    private final RelationNetConfig config;
    private final RelationNetwork network;

    public RelationNetLearner(RelationNetConfig config, LearnerContext context) {
        super(RelationNetProvider.NAME, context, null);
        this.config = config;
        try {
            this.network = new RelationNetwork(manager(), context.exampleShape(), config.filters(),
                    config.relationHidden(), new SplittableRandom(context.seed()));
            train(network.parameters(), network::save, network::expect);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public StepResult metaTrainStep(List<Episode> batch) {
        return step(batch, config::learningRate, (images, n, supportLabels, queryLabels, ways) -> {
            NDArray z = network.embed(images, true);
            NDArray classes = RelationNetwork.classFeatures(z.get("{}:{}", 0, n), supportLabels, ways);
            NDArray scores = network.relate(z.get("{}:", n), classes, true);
            NDArray targets = queryLabels.oneHot(ways, DataType.FLOAT32);
            return new EpisodicStep.Scored(scores.sub(targets).square().mean(), scores);
        });
    }

    @Override
    public AdaptedModel adapt(Examples support) {
        return adaptWith(support, (inputs, labels, ways, model) -> {
            NDArray classes = RelationNetwork.classFeatures(network.embed(inputs, false), labels, ways).stopGradient();
            classes.attach(model);
            return new RelationNetModel(network, classes, model);
        });
    }

    @Override
    public long parameterCount() {
        return network.parameterCount();
    }
}
