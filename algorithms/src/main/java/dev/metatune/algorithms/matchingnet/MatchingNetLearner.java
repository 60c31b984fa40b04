package dev.metatune.algorithms.matchingnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.metatune.algorithms.training.Batches;
import dev.metatune.algorithms.training.Conv4Embedding;
import dev.metatune.algorithms.training.EpisodicStep;
import dev.metatune.algorithms.training.EpisodicTraining;
import dev.metatune.algorithms.training.NamedParameter;
import dev.metatune.algorithms.training.StateArrays;
import dev.metatune.learner.AdaptedModel;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.LearnerState;
import dev.metatune.learner.MetaLearner;
import dev.metatune.learner.StepResult;
import dev.metatune.task.Episode;
import dev.metatune.task.Examples;
import dev.metatune.task.TaskKind;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Matching Networks (Vinyals et al. 2016). One training step takes one episode: support and query
 * images go through the Conv-4 embedding as one batch (BatchNorm with batch statistics), the
 * optional full context embeddings ({@link FullContextEmbedding}) turn them into {@code g(S)} and
 * {@code f(x, S)}, and Adam minimises the mean negative log of the query's attention mass on its
 * class ({@link SupportAttention}). {@link #adapt} embeds the support set once with BatchNorm's
 * running statistics; each query is then embedded and classified on its own (non-transductive).
 *
 * <p>All arrays live under one manager on {@code LearnerContext.device()}; each step works in a
 * sub-manager closed before it returns. Weights come from {@code LearnerContext.seed()}.
 */
public final class MatchingNetLearner implements MetaLearner {

    private final MatchingNetConfig config;
    private final NDManager manager;
    private final Conv4Embedding embedding;
    private final FullContextEmbedding fce;
    private final EpisodicTraining training;
    private final List<NamedParameter> parameters;
    private boolean closed;

    public MatchingNetLearner(MatchingNetConfig config, LearnerContext context) {
        if (context.kind() != TaskKind.CLASSIFICATION) {
            throw new IllegalArgumentException("matchingnet supports classification only, got " + context.kind());
        }
        this.config = config;
        this.manager = NDManager.newBaseManager(context.device(), "PyTorch");
        try {
            SplittableRandom random = new SplittableRandom(context.seed());
            this.embedding = Conv4Embedding.forExampleShape(manager, context.exampleShape(), config.filters(), random);
            this.fce = config.fce() ? new FullContextEmbedding(manager, embedding.outputSize(), config.fceSteps(), random)
                    : null;
            List<NamedParameter> all = new ArrayList<>(embedding.parameters());
            if (fce != null) {
                all.addAll(fce.parameters());
            }
            this.parameters = List.copyOf(all);
            this.training = new EpisodicTraining(MatchingNetProvider.NAME, manager, parameters, this::saveModules,
                    this::expectModules);
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
        return training.step(batch, episodes -> config.lr(), (images, n, supportLabels, queryLabels, ways) -> {
            NDArray z = embedding.forward(images, true);
            NDArray g = z.get("{}:{}", 0, n);
            NDArray f = z.get("{}:", n);
            if (fce != null) {
                g = fce.support(g);
                f = fce.queries(f, g);
            }
            NDArray logProbabilities = SupportAttention.logClassProbabilities(config.similarity(), f, g,
                    supportLabels, ways);
            NDArray loss = logProbabilities.gather(queryLabels.reshape(-1, 1), 1).mean().neg();
            return new EpisodicStep.Scored(loss, logProbabilities);
        });
    }

    @Override
    public AdaptedModel adapt(Examples support) {
        checkOpen();
        int ways = Batches.waysWithEveryClass(support);
        NDManager modelManager = manager.newSubManager();
        try (NDManager scratch = manager.newSubManager()) {
            NDArray g = embedding.forward(Batches.inputs(scratch, support), false);
            if (fce != null) {
                g = fce.support(g);
            }
            g = g.stopGradient();
            NDArray labels = Batches.labels(scratch, support);
            g.attach(modelManager);
            labels.attach(modelManager);
            return new MatchingNetModel(embedding, fce, config.similarity(), g, labels, ways, modelManager);
        } catch (RuntimeException e) {
            modelManager.close();
            throw e;
        }
    }

    @Override
    public long parameterCount() {
        long n = 0;
        for (NamedParameter p : parameters) {
            n += p.array().size();
        }
        return n;
    }

    @Override
    public long liveArrays() {
        return closed ? 0 : manager.getManagedArrays().size();
    }

    /** The embedding (parameters, BatchNorm running statistics), the FCE LSTMs, Adam's state, the episode count. */
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

    private void saveModules(LearnerState.Builder state) {
        embedding.save("", state);
        if (fce != null) {
            fce.save(state);
        }
    }

    private int expectModules(StateArrays restore) {
        return embedding.expect("", restore) + (fce == null ? 0 : fce.expect(restore));
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this matchingnet learner is closed");
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
