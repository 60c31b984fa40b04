package dev.metatune.algorithms.maml;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.metatune.algorithms.backbone.FastWeights;
import dev.metatune.algorithms.backbone.FunctionalNetwork;
import dev.metatune.algorithms.training.GradMode;
import dev.metatune.learner.LearnerContext;
import dev.metatune.task.Episode;
import dev.metatune.task.Examples;
import java.util.List;

/**
 * Test access to MAML's meta-gradient: meta-parameters of any network and data type (float64 for
 * gradient checks) that the test can read and overwrite, and the production {@link MetaGradient}
 * over them, the computation every {@link MamlLearner#metaTrainStep} applies with Adam. The learner
 * itself exposes nothing for tests.
 */
final class MetaGradientProbe implements AutoCloseable {

    private final NDManager manager;
    private final FunctionalNetwork network;
    private final NDList params;
    private final MetaGradient metaGradient;

    MetaGradientProbe(MamlConfig config, LearnerContext context, FunctionalNetwork network, DataType dataType) {
        this.manager = NDManager.newBaseManager(context.device(), "PyTorch");
        this.network = network;
        try {
            this.params = FastWeights.initial(manager, network, context.seed(), dataType);
            for (NDArray p : params) {
                p.setRequiresGradient(true);
            }
            this.metaGradient = new MetaGradient(manager, network, params, config, context);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The mean meta-gradient over {@code batch}, exact or first order, as a meta-step computes it. */
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

    /** The mean query loss over {@code batch}, as the same computation returns it with the exact meta-gradient. */
    double metaLoss(List<Episode> batch) {
        try (NDManager scope = manager.newSubManager()) {
            return metaGradient.compute(batch, scope, true).readTotals()[0] / batch.size();
        }
    }

    /** The plain gradient of the episode's query loss at the current parameters, with no adaptation. */
    double[][] plainGradient(Episode episode) {
        InnerLoop inner = metaGradient.inner();
        try (NDManager task = manager.newSubManager(); GradMode on = GradMode.enabled()) {
            NDArray xs = inner.input(task, episode.support());
            NDArray loss = inner.loss(inner.queryOutput(params, inner.input(task, episode.query()), xs), episode.query());
            return FastWeights.values(inner.gradients().gradients(loss, params, false));
        }
    }

    /** The weights after {@code steps} inner SGD steps on {@code support} (the inner loop of a meta-step). */
    double[][] adaptedWeights(Examples support, int steps) {
        InnerLoop inner = metaGradient.inner();
        try (NDManager task = manager.newSubManager(); GradMode on = GradMode.enabled()) {
            return FastWeights.values(inner.adapt(params, inner.input(task, support), support, steps, false));
        }
    }

    FunctionalNetwork network() {
        return network;
    }

    double[][] values() {
        return FastWeights.values(params);
    }

    /** Overwrites the parameters in place (through tensor operations, so no Java buffer is wrapped). */
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
