package dev.metatune.algorithms.anil;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.metatune.algorithms.backbone.FastWeights;
import dev.metatune.algorithms.training.GradMode;
import dev.metatune.learner.LearnerContext;
import dev.metatune.task.Episode;
import java.util.List;

/** Test access to ANIL's production meta-gradient over parameters of any data type (float64 for checks). */
final class AnilProbe implements AutoCloseable {

    private final NDManager manager;
    private final AnilNetwork network;
    private final NDList params;
    private final AnilMetaGradient metaGradient;

    AnilProbe(AnilConfig config, LearnerContext context, DataType dataType) {
        this.manager = NDManager.newBaseManager(context.device(), "PyTorch");
        this.network = AnilLearner.network(config, context);
        try {
            this.params = FastWeights.initial(manager, network, context.seed(), dataType);
            for (NDArray p : params) {
                p.setRequiresGradient(true);
            }
            this.metaGradient = new AnilMetaGradient(manager, network, params, config, context);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    double[][] metaGradient(List<Episode> batch, boolean secondOrder) {
        try (NDManager scope = manager.newSubManager()) {
            double[][] g = FastWeights.values(metaGradient.compute(batch, scope, secondOrder).gradient());
            for (double[] row : g) {
                for (int j = 0; j < row.length; j++) {
                    row[j] /= batch.size();
                }
            }
            return g;
        }
    }

    double metaLoss(List<Episode> batch) {
        try (NDManager scope = manager.newSubManager()) {
            return metaGradient.compute(batch, scope, true).loss() / batch.size();
        }
    }

    AnilNetwork network() {
        return network;
    }

    double[][] values() {
        return FastWeights.values(params);
    }

    void setValues(double[][] values) {
        try (GradMode off = GradMode.disabled(); NDManager scratch = manager.newSubManager()) {
            NDList fresh = FastWeights.create(scratch, network.parameters(), values, params.get(0).getDataType());
            for (int i = 0; i < params.size(); i++) {
                params.get(i).muli(0).addi(fresh.get(i));
            }
        }
    }

    @Override
    public void close() {
        metaGradient.close();
        manager.close();
    }
}
