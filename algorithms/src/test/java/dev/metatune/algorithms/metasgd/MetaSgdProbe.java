package dev.metatune.algorithms.metasgd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.metatune.algorithms.backbone.FastWeights;
import dev.metatune.algorithms.backbone.FunctionalNetwork;
import dev.metatune.algorithms.backbone.ParameterSpec;
import dev.metatune.algorithms.training.GradMode;
import dev.metatune.learner.LearnerContext;
import dev.metatune.task.Episode;
import java.util.ArrayList;
import java.util.List;

/**
 * Test access to Meta-SGD's production meta-gradient over an initialisation and rates of any data
 * type: values are the initialisation's tensors followed by the rates'.
 */
final class MetaSgdProbe implements AutoCloseable {

    private final NDManager manager;
    private final List<ParameterSpec> specs;
    private final NDList all;
    private final MetaSgdMetaGradient metaGradient;

    MetaSgdProbe(MetaSgdConfig config, LearnerContext context, FunctionalNetwork network, DataType dataType) {
        this.manager = NDManager.newBaseManager(context.device(), "PyTorch");
        List<ParameterSpec> both = new ArrayList<>(network.parameters());
        both.addAll(network.parameters());
        this.specs = both;
        try {
            NDList theta = FastWeights.initial(manager, network, context.seed(), dataType);
            NDList alpha = FastWeights.create(manager, network.parameters(),
                    MetaSgdLearner.initialRates(network.parameters(), config, context.seed()), dataType);
            this.all = new NDList(theta).addAll(alpha);
            for (NDArray p : all) {
                p.setRequiresGradient(true);
            }
            this.metaGradient = new MetaSgdMetaGradient(manager, network, theta, alpha, config, context);
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

    double[][] values() {
        return FastWeights.values(all);
    }

    void setValues(double[][] values) {
        try (GradMode off = GradMode.disabled(); NDManager scratch = manager.newSubManager()) {
            NDList fresh = FastWeights.create(scratch, specs, values, all.get(0).getDataType());
            for (int i = 0; i < all.size(); i++) {
                all.get(i).muli(0).addi(fresh.get(i));
            }
        }
    }

    @Override
    public void close() {
        metaGradient.close();
        manager.close();
    }
}
