package dev.metatune.algorithms.protonet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.metatune.algorithms.training.Batches;
import dev.metatune.algorithms.training.Conv4Embedding;
import dev.metatune.algorithms.training.EpisodicStep;
import dev.metatune.algorithms.training.EpisodicTraining;
import dev.metatune.algorithms.training.Losses;
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
public final class ProtoNetLearner implements MetaLearner {

    private final ProtoNetConfig config;
    private final NDManager manager;
    private final Conv4Embedding embedding;
    private final EpisodicTraining training;
    private boolean closed;

    public ProtoNetLearner(ProtoNetConfig config, LearnerContext context) {
        this(config, context, null);
    }

    /** With {@code parent} non-null, every array of this learner lives in a sub-manager of it (tests check leaks so). */
    ProtoNetLearner(ProtoNetConfig config, LearnerContext context, NDManager parent) {
        if (context.kind() != TaskKind.CLASSIFICATION) {
            throw new IllegalArgumentException("protonet supports classification only, got " + context.kind());
        }
        this.config = config;
        this.manager = parent == null ? NDManager.newBaseManager(context.device(), "PyTorch")
                : parent.newSubManager(context.device());
        try {
            this.embedding = Conv4Embedding.forExampleShape(manager, context.exampleShape(), config.filters(),
                    new SplittableRandom(context.seed()));
            this.training = new EpisodicTraining(ProtoNetProvider.NAME, manager, embedding.parameters(),
                    state -> embedding.save("", state), restore -> embedding.expect("", restore));
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
            NDArray z = embedding.forward(images, true);
            NDArray prototypes = Prototypes.means(z.get("{}:{}", 0, n), supportLabels, ways);
            NDArray logits = Prototypes.negativeSquaredDistances(z.get("{}:", n), prototypes);
            return new EpisodicStep.Scored(Losses.crossEntropy(logits, queryLabels), logits);
        });
    }

    @Override
    public AdaptedModel adapt(Examples support) {
        checkOpen();
        int ways = Batches.waysWithEveryClass(support);
        NDManager modelManager = manager.newSubManager();
        try (NDManager scratch = manager.newSubManager()) {
            NDArray z = embedding.forward(Batches.inputs(scratch, support), false);
            NDArray prototypes = Prototypes.means(z, Batches.labels(scratch, support), ways).stopGradient();
            prototypes.attach(modelManager);
            return new ProtoNetModel(embedding, prototypes, modelManager);
        } catch (RuntimeException e) {
            modelManager.close();
            throw e;
        }
    }

    @Override
    public long parameterCount() {
        return embedding.parameterCount();
    }

    /** Arrays under this learner's manager (parameters, optimizer state, open adapted models); 0 once closed. */
    @Override
    public long liveArrays() {
        return closed ? 0 : manager.getManagedArrays().size();
    }

    /** The embedding (parameters and BatchNorm running statistics), Adam's state and the episode count. */
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

    /** Training episodes seen so far. */
    public long episodesTrained() {
        return training.episodes();
    }

    /** The embedding (for tests and diagnostics); owned by this learner. */
    Conv4Embedding embedding() {
        return embedding;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this protonet learner is closed");
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
