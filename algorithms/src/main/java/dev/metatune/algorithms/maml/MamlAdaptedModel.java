package dev.metatune.algorithms.maml;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.metatune.algorithms.backbone.Normalization;
import dev.metatune.algorithms.training.GradMode;
import dev.metatune.learner.AdaptedModel;
import dev.metatune.learner.Prediction;
import dev.metatune.task.Examples;
import dev.metatune.task.TaskKind;

/**
 * MAML's meta-parameters after {@code test_inner_steps} SGD steps on one support set (Finn, Abbeel
 * and Levine 2017), detached from the meta-parameters: later meta-updates do not change it. With
 * transductive BatchNorm a query batch is normalised with its own statistics; otherwise with the
 * support set's statistics at the adapted weights, computed once here.
 */
final class MamlAdaptedModel implements AdaptedModel {

    private final NDManager scope;
    private final InnerLoop inner;
    private final NDList fast;
    private final NDList supportStatistics;
    private final TaskKind kind;
    private final int ways;

    MamlAdaptedModel(NDManager parent, InnerLoop inner, NDList params, Examples support, int steps, TaskKind kind) {
        this.scope = parent.newSubManager();
        this.inner = inner;
        this.kind = kind;
        try {
            NDList adapted = new NDList(params.size());
            try (NDManager work = scope.newSubManager(); GradMode on = GradMode.enabled()) {
                NDList result = inner.adapt(params, inner.input(work, support), support, steps, false);
                for (NDArray a : result) {
                    NDArray detached = a.stopGradient(); // a view in a's manager, without history
                    NDArray copy = detached.duplicate(); // own storage: later meta-updates cannot reach it
                    detached.close();
                    copy.attach(scope);
                    adapted.add(copy);
                }
            }
            this.fast = adapted;
            if (inner.transductiveBn()) {
                this.supportStatistics = null;
            } else {
                try (GradMode off = GradMode.disabled()) {
                    this.supportStatistics = inner.network().batchStatistics(fast, inner.input(scope, support));
                }
            }
            this.ways = (int) inner.network().outputSize();
        } catch (RuntimeException e) {
            scope.close();
            throw e;
        }
    }

    @Override
    public Prediction predict(Examples query) {
        if (query.kind() != kind) {
            throw new IllegalArgumentException("this model was adapted to " + kind + " tasks, got " + query.kind());
        }
        try (NDManager work = scope.newSubManager(); GradMode off = GradMode.disabled()) {
            NDArray xq = inner.input(work, query);
            Normalization norm = supportStatistics == null ? Normalization.batch() : Normalization.fixed(supportStatistics);
            NDArray out = inner.network().forward(fast, xq, norm).toType(DataType.FLOAT32, false);
            float[] scores = out.toFloatArray();
            if (kind == TaskKind.REGRESSION) {
                return Prediction.regression(scores);
            }
            int[] labels = new int[query.count()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = InnerLoop.argmax(scores, i * ways, ways);
            }
            return Prediction.classes(labels, scores);
        }
    }

    @Override
    public void close() {
        scope.close();
    }
}
