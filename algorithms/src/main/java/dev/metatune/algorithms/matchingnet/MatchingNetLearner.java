package dev.metatune.algorithms.matchingnet;

import ai.djl.ndarray.NDArray;
import dev.metatune.algorithms.training.Conv4Embedding;
import dev.metatune.algorithms.training.EpisodicStep;
import dev.metatune.algorithms.training.EpisodicLearner;
import dev.metatune.algorithms.training.NamedParameter;
import dev.metatune.algorithms.training.StateArrays;
import dev.metatune.learner.AdaptedModel;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.LearnerState;
import dev.metatune.learner.StepResult;
import dev.metatune.task.Episode;
import dev.metatune.task.Examples;
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
public final class MatchingNetLearner extends EpisodicLearner {

    private final MatchingNetConfig config;
    private final Conv4Embedding embedding;
    private final FullContextEmbedding fce;
    private final List<NamedParameter> parameters;

    public MatchingNetLearner(MatchingNetConfig config, LearnerContext context) {
        super(MatchingNetProvider.NAME, context, null);
        this.config = config;
        try {
            SplittableRandom random = new SplittableRandom(context.seed());
            this.embedding = Conv4Embedding.forExampleShape(manager(), context.exampleShape(), config.filters(), random);
            this.fce = config.fce() ? new FullContextEmbedding(manager(), embedding.outputSize(), config.fceSteps(), random)
                    : null;
            List<NamedParameter> all = new ArrayList<>(embedding.parameters());
            if (fce != null) {
                all.addAll(fce.parameters());
            }
            this.parameters = List.copyOf(all);
            train(parameters, this::saveModules, this::expectModules);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public StepResult metaTrainStep(List<Episode> batch) {
        return step(batch, episodes -> config.lr(), (images, n, supportLabels, queryLabels, ways) -> {
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
        return adaptWith(support, (inputs, labels, ways, model) -> {
            NDArray g = embedding.forward(inputs, false);
            if (fce != null) {
                g = fce.support(g);
            }
            g = g.stopGradient();
            g.attach(model);
            labels.attach(model);
            return new MatchingNetModel(embedding, fce, config.similarity(), g, labels, ways, model);
        });
    }

    @Override
    public long parameterCount() {
        long n = 0;
        for (NamedParameter p : parameters) {
            n += p.array().size();
        }
        return n;
    }

    /** The embedding (parameters, BatchNorm running statistics) and the FCE LSTMs go into the saved state. */
    private void saveModules(LearnerState.Builder state) {
        embedding.save("", state);
        if (fce != null) {
            fce.save(state);
        }
    }

    private int expectModules(StateArrays restore) {
        return embedding.expect("", restore) + (fce == null ? 0 : fce.expect(restore));
    }
}
