package dev.metatune.algorithms.protonet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.metatune.algorithms.training.Conv4Embedding;
import dev.metatune.algorithms.training.EpisodicStep;
import dev.metatune.algorithms.training.EpisodicLearner;
import dev.metatune.algorithms.training.Losses;
import dev.metatune.learner.AdaptedModel;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.StepResult;
import dev.metatune.task.Episode;
import dev.metatune.task.Examples;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Prototypical Networks (Snell et al. 2017). One training step takes one episode: the support and
 * query images go through the Conv-4 embedding as one batch (so BatchNorm normalises with the
 * statistics of support and query together, as the reference implementation does), prototypes are
 * the class means of the support embeddings, the query logits are minus squared Euclidean distances
 * to the prototypes, and Adam minimises the mean query cross-entropy, its learning rate halved every
 * {@code lr_halve_every} episodes. {@link #adapt} computes prototypes with the embedding in
 * evaluation mode (BatchNorm running statistics), so a query's prediction does not depend on the
 * other queries (non-transductive).
 *
 * <p>All arrays live under one manager on {@code LearnerContext.device()}; each step works in a
 * sub-manager that is closed before it returns. Weights come from {@code LearnerContext.seed()}.
 */
public final class ProtoNetLearner extends EpisodicLearner {

    private final ProtoNetConfig config;
    private final Conv4Embedding embedding;

    public ProtoNetLearner(ProtoNetConfig config, LearnerContext context) {
        this(config, context, null);
    }

    /** With {@code parent} non-null, every array of this learner lives in a sub-manager of it (tests check leaks so). */
    ProtoNetLearner(ProtoNetConfig config, LearnerContext context, NDManager parent) {
        super(ProtoNetProvider.NAME, context, parent);
        this.config = config;
        try {
            this.embedding = Conv4Embedding.forExampleShape(manager(), context.exampleShape(), config.filters(),
                    new SplittableRandom(context.seed()));
            train(embedding.parameters(), state -> embedding.save("", state), restore -> embedding.expect("", restore));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public StepResult metaTrainStep(List<Episode> batch) {
        return step(batch, config::learningRate, (images, n, supportLabels, queryLabels, ways) -> {
            NDArray z = embedding.forward(images, true);
            NDArray prototypes = Prototypes.means(z.get("{}:{}", 0, n), supportLabels, ways);
            NDArray logits = Prototypes.negativeSquaredDistances(z.get("{}:", n), prototypes);
            return new EpisodicStep.Scored(Losses.crossEntropy(logits, queryLabels), logits);
        });
    }

    @Override
    public AdaptedModel adapt(Examples support) {
        return adaptWith(support, (inputs, labels, ways, model) -> {
            NDArray prototypes = Prototypes.means(embedding.forward(inputs, false), labels, ways).stopGradient();
            prototypes.attach(model);
            return new ProtoNetModel(embedding, prototypes, model);
        });
    }

    @Override
    public long parameterCount() {
        return embedding.parameterCount();
    }

    /** The embedding (for tests and diagnostics); owned by this learner. */
    Conv4Embedding embedding() {
        return embedding;
    }
}
