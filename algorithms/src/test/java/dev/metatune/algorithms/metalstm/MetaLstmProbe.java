package dev.metatune.algorithms.metalstm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.metatune.algorithms.backbone.Conv4;
import dev.metatune.algorithms.backbone.FastWeights;
import dev.metatune.algorithms.training.GradMode;
import dev.metatune.learner.LearnerContext;
import dev.metatune.task.Episode;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test access to the LSTM meta-learner's production meta-gradient over meta-parameters of any data
 * type (the LSTM's weights, then c_0), with the LSTM's inputs recorded once and then held fixed.
 */
final class MetaLstmProbe implements AutoCloseable {

    private final NDManager manager;
    private final MetaLstmMetaGradient metaGradient;
    private final Map<Episode, FrozenInputs> frozen = new IdentityHashMap<>();

    MetaLstmProbe(MetaLstmConfig config, LearnerContext context, Conv4 learner, DataType dataType) {
        this.manager = NDManager.newBaseManager(context.device(), "PyTorch");
        try {
            CoordinateLstm lstm = new CoordinateLstm(manager, config.hidden(), context.seed(), dataType);
            NDArray initial = MetaLstmMetaGradient.flatInitial(manager, learner, context.seed(), dataType);
            initial.setRequiresGradient(true);
            this.metaGradient = new MetaLstmMetaGradient(manager, learner, lstm, initial, config, context);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The mean meta-gradient; {@code hold} replays the inputs recorded on the first call for each episode. */
    double[][] metaGradient(List<Episode> batch, boolean hold) {
        try (NDManager scope = manager.newSubManager()) {
            double[][] g = FastWeights.values(metaGradient.compute(batch, scope, hold ? inputs(batch) : null).gradient());
            for (double[] row : g) {
                for (int j = 0; j < row.length; j++) {
                    row[j] /= batch.size();
                }
            }
            return g;
        }
    }

    double metaLoss(List<Episode> batch, boolean hold) {
        try (NDManager scope = manager.newSubManager()) {
            return metaGradient.compute(batch, scope, hold ? inputs(batch) : null).loss() / batch.size();
        }
    }

    private Map<Episode, FrozenInputs> inputs(List<Episode> batch) {
        for (Episode e : batch) {
            frozen.computeIfAbsent(e, k -> new FrozenInputs());
        }
        return frozen;
    }

    double[][] values() {
        return FastWeights.values(metaGradient.metaParameters());
    }

    void setValues(double[][] values) {
        try (GradMode off = GradMode.disabled(); NDManager scratch = manager.newSubManager()) {
            NDList meta = metaGradient.metaParameters();
            for (int i = 0; i < meta.size(); i++) {
                NDArray fresh = scratch.create(values[i], meta.get(i).getShape()).toType(meta.get(i).getDataType(), false);
                meta.get(i).muli(0).addi(fresh);
            }
        }
    }

    @Override
    public void close() {
        metaGradient.close();
        manager.close();
    }
}
