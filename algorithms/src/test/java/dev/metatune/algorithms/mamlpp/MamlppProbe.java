package dev.metatune.algorithms.mamlpp;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.metatune.algorithms.backbone.Conv4;
import dev.metatune.algorithms.backbone.FastWeights;
import dev.metatune.algorithms.training.GradMode;
import dev.metatune.learner.LearnerContext;
import dev.metatune.task.Episode;
import java.util.List;

/** Test access to MAML++'s production meta-gradient over meta-parameters of any data type. */
final class MamlppProbe implements AutoCloseable {

    private final NDManager manager;
    private final MamlppParameters params;
    private final MamlppMetaGradient metaGradient;

    MamlppProbe(MamlppConfig config, LearnerContext context, Conv4 conv, DataType dataType) {
        this.manager = NDManager.newBaseManager(context.device(), "PyTorch");
        try {
            this.params = new MamlppParameters(manager, conv, config, context.seed(), dataType);
            this.metaGradient = new MamlppMetaGradient(manager, params, config, context);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    List<String> names() {
        return params.names();
    }

    double[][] metaGradient(List<Episode> batch, double[] weights, boolean secondOrder) {
        try (NDManager scope = manager.newSubManager()) {
            NDList sum = metaGradient.compute(batch, scope, weights, secondOrder).gradient();
            double[][] g = FastWeights.values(sum.subNDList(0, metaGradient.metaCount()));
            for (double[] row : g) {
                for (int j = 0; j < row.length; j++) {
                    row[j] /= batch.size();
                }
            }
            return g;
        }
    }

    double metaLoss(List<Episode> batch, double[] weights) {
        try (NDManager scope = manager.newSubManager()) {
            return metaGradient.compute(batch, scope, weights, true).loss() / batch.size();
        }
    }

    double[][] values() {
        return FastWeights.values(params.metaParameters());
    }

    /** Overwrites every meta-parameter in place with {@code values} (same order and sizes). */
    void setValues(double[][] values) {
        try (GradMode off = GradMode.disabled(); NDManager scratch = manager.newSubManager()) {
            NDList meta = params.metaParameters();
            for (int i = 0; i < meta.size(); i++) {
                meta.get(i).muli(0).addi(scratch.create(values[i], meta.get(i).getShape()).toType(meta.get(i).getDataType(), false));
            }
        }
    }

    @Override
    public void close() {
        metaGradient.close();
        manager.close();
    }
}
