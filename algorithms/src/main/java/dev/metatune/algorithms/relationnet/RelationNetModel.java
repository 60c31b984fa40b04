package dev.metatune.algorithms.relationnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.metatune.algorithms.training.Batches;
import dev.metatune.algorithms.training.ClassPredictions;
import dev.metatune.learner.AdaptedModel;
import dev.metatune.learner.Prediction;
import dev.metatune.task.Examples;

/**
 * A Relation Network adapted to one support set: the per-class summed feature maps. Scores are the
 * relation scores in (0, 1), BatchNorm with running statistics. Valid while its learner is open.
 */
final class RelationNetModel implements AdaptedModel {

    private final RelationNetwork network;
    private final NDArray classes;
    private final NDManager manager;

    RelationNetModel(RelationNetwork network, NDArray classes, NDManager manager) {
        this.network = network;
        this.classes = classes;
        this.manager = manager;
    }

    @Override
    public Prediction predict(Examples query) {
        if (!manager.isOpen()) {
            throw new IllegalStateException("this adapted relationnet model is closed");
        }
        try (NDManager scratch = manager.newSubManager()) {
            classes.tempAttach(scratch);
            NDArray scores = network.relate(network.embed(Batches.inputs(scratch, query), false), classes, false);
            return ClassPredictions.of(scores);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
