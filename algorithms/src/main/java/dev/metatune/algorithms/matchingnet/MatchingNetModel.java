package dev.metatune.algorithms.matchingnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.metatune.algorithms.training.Batches;
import dev.metatune.algorithms.training.ClassPredictions;
import dev.metatune.algorithms.training.Conv4Embedding;
import dev.metatune.learner.AdaptedModel;
import dev.metatune.learner.Prediction;
import dev.metatune.task.Examples;

/**
 * A Matching Network adapted to one support set: the support embeddings {@code g(S)} and labels.
 * A query is embedded with BatchNorm running statistics (and the attention LSTM when full context
 * embeddings are on) and scored by the log of its attention mass per class. Valid while its
 * learner is open.
 */
final class MatchingNetModel implements AdaptedModel {

    private final Conv4Embedding embedding;
    private final FullContextEmbedding fce;
    private final Similarity similarity;
    private final NDArray support;
    private final NDArray labels;
    private final int ways;
    private final NDManager manager;

    MatchingNetModel(Conv4Embedding embedding, FullContextEmbedding fce, Similarity similarity, NDArray support,
                     NDArray labels, int ways, NDManager manager) {
        this.embedding = embedding;
        this.fce = fce;
        this.similarity = similarity;
        this.support = support;
        this.labels = labels;
        this.ways = ways;
        this.manager = manager;
    }

    @Override
    public Prediction predict(Examples query) {
        if (!manager.isOpen()) {
            throw new IllegalStateException("this adapted matchingnet model is closed");
        }
        try (NDManager scratch = manager.newSubManager()) {
            support.tempAttach(scratch);
            labels.tempAttach(scratch);
            NDArray f = embedding.forward(Batches.inputs(scratch, query), false);
            if (fce != null) {
                f = fce.queries(f, support);
            }
            NDArray scores = SupportAttention.logClassProbabilities(similarity, f, support, labels, ways);
            return ClassPredictions.of(scores);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
