package dev.metatune.algorithms.metalstm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.metatune.algorithms.backbone.Conv4;
import dev.metatune.algorithms.training.AdamUpdater;
import dev.metatune.algorithms.training.AdaptedNetwork;
import dev.metatune.algorithms.training.Backbones;
import dev.metatune.algorithms.training.Batches;
import dev.metatune.algorithms.training.GradMode;
import dev.metatune.algorithms.training.MetaBatchGradient;
import dev.metatune.algorithms.training.NamedParameter;
import dev.metatune.algorithms.training.TrainingState;
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

/**
 * The LSTM-based meta-learner of Ravi and Larochelle ("Optimization as a Model for Few-Shot
 * Learning", ICLR 2017): a coordinate-wise two-layer LSTM ({@link CoordinateLstm}) whose cell state
 * is the learner's parameters, its input gate a learned learning rate and its forget gate a learned
 * weight decay, fed the learner's loss and gradient preprocessed as Andrychowicz et al. (2016) with
 * p = 10; the initial cell state is the learner's meta-learned initialisation. A meta-step unrolls
 * it on each task's support set and applies Adam to the query loss's gradient
 * ({@link MetaLstmMetaGradient}), rescaled to {@code max_grad_norm} when longer.
 *
 * <p>Details decided here, and why:
 * <ul>
 *   <li>The learner is Conv-4 with a linear head (the paper's: four 32-filter blocks with
 *   max-pooling); its initialisation (c_0) starts from Conv-4's Xavier initialisation, since the
 *   paper names none.</li>
 *   <li>Each update uses the whole support set as one batch, as the paper's 5-way settings do (batch
 *   5 for 1-shot, 25 for 5-shot); the gradient is that of the mean cross-entropy.</li>
 *   <li>The LSTM's inputs (gradients and losses) are constants of the meta-gradient (the paper,
 *   section 3.2, and its code): no second derivatives of the learner.</li>
 *   <li>Test BatchNorm (section 3.4): the paper normalises the test set with running statistics
 *   collected over that task's inner loop, reset for every task; here the queries are normalised
 *   with the support set's statistics at the final parameters (the same non-transductive use of the
 *   support set, without the running average over the earlier, not yet adapted, parameters), or,
 *   with {@code transductive_bn}, with their own. During meta-training every batch uses its own
 *   statistics, as in the paper.</li>
 *   <li>No BatchNorm inside the LSTM (the paper's code leaves it off for these settings).</li>
 * </ul>
 *
 * <p>Training state ({@link #saveState}): {@link #lstm} (its weights),
 * {@link #initial} (c_0), {@link #adam} and {@link #step}.
 */
final class MetaLstmLearner implements MetaLearner {

    private final MetaLstmConfig config;
    private final NDManager manager;
    /** The coordinate-wise LSTM's weights. */
    private final CoordinateLstm lstm;
    /** c_0: the learner's initial parameters, flat {@code [n, 1]}. */
    private final NDArray initial;
    /** Adam over the LSTM's weights and {@link #initial}. */
    private final AdamUpdater adam;
    private final MetaLstmMetaGradient metaGradient;
    /** Meta-steps taken. */
    private long step;
    private boolean closed;

    MetaLstmLearner(MetaLstmConfig config, LearnerContext context) {
        if (context.kind() != TaskKind.CLASSIFICATION) {
            throw new IllegalArgumentException("meta-lstm supports classification only, got " + context.kind());
        }
        int[] shape = Backbones.imageShape(context, "The LSTM meta-learner");
        Conv4 learner = new Conv4(config.convVariant(), shape[0], shape[1], shape[2], config.filters(),
                context.trainSpec().ways());
        this.config = config;
        this.manager = NDManager.newBaseManager(context.device(), "PyTorch");
        try {
            this.lstm = new CoordinateLstm(manager, config.hidden(), context.seed(), DataType.FLOAT32);
            this.initial = MetaLstmMetaGradient.flatInitial(manager, learner, context.seed(), DataType.FLOAT32);
            initial.setRequiresGradient(true);
            this.metaGradient = new MetaLstmMetaGradient(manager, learner, lstm, initial, config, context);
            List<NamedParameter> named = new ArrayList<>();
            String[] names = CoordinateLstm.names();
            for (int i = 0; i < names.length; i++) {
                named.add(new NamedParameter(names[i], lstm.parameters().get(i)));
            }
            named.add(new NamedParameter("c0", initial));
            this.adam = new AdamUpdater(manager, named);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public int metaBatchSize() {
        return config.metaBatch();
    }

    /** The LSTM's weights and the learner's initial parameters. */
    @Override
    public long parameterCount() {
        long n = 0;
        for (NDArray p : metaGradient.metaParameters()) {
            n += p.size();
        }
        return n;
    }

    @Override
    public long liveArrays() {
        return closed ? 0 : manager.getManagedArrays().size();
    }

    @Override
    public StepResult metaTrainStep(List<Episode> batch) {
        checkOpen();
        Batches.checkMetaBatch(batch, TaskKind.CLASSIFICATION);
        MetaBatchGradient.Sum sum;
        try (NDManager scope = manager.newSubManager()) {
            sum = metaGradient.compute(batch, scope, null);
            double sumNorm;
            try (GradMode off = GradMode.disabled()) {
                NDArray squares = null;
                for (NDArray g : sum.gradient()) {
                    NDArray s = g.square().sum();
                    squares = squares == null ? s : squares.add(s);
                }
                sumNorm = Math.sqrt(squares.toType(DataType.FLOAT64, false).getDouble());
            }
            // the mean gradient over the batch, rescaled to max_grad_norm when longer (the paper's code)
            double meanNorm = sumNorm / batch.size();
            double scale = 1.0 / batch.size();
            if (meanNorm > config.maxGradNorm()) {
                scale *= config.maxGradNorm() / meanNorm;
            }
            adam.step(config.outerLr(), sum.gradient(), scale);
        }
        step++;
        return new StepResult(sum.loss() / batch.size(), (double) sum.correct() / sum.queries());
    }

    @Override
    public AdaptedModel adapt(Examples support) {
        checkOpen();
        if (support.kind() != TaskKind.CLASSIFICATION) {
            throw new IllegalArgumentException("meta-lstm learns classification tasks, got " + support.kind());
        }
        try (NDManager work = manager.newSubManager(); GradMode on = GradMode.enabled()) {
            NDArray xs = metaGradient.tensors().input(work, support);
            NDArray theta = metaGradient.unroll(work, xs, support, config.testInnerSteps(), false, null);
            NDList params = metaGradient.unflatten(theta, work);
            NDList statistics = null;
            if (!config.transductiveBn()) {
                try (GradMode off = GradMode.disabled()) {
                    statistics = metaGradient.learner().batchStatistics(params, xs);
                }
            }
            return AdaptedNetwork.of(manager, metaGradient.learner(), params, statistics, metaGradient.tensors());
        }
    }

    /** The LSTM's weights, the learner's initialisation c_0 (its BatchNorm weights included; BatchNorm uses batch statistics, so there are no running ones), Adam's state and the meta-step count. */
    @Override
    public LearnerState saveState() {
        checkOpen();
        return TrainingState.save(MetaLstmProvider.NAME, step, adam.parameters(), adam);
    }

    @Override
    public void restoreState(LearnerState state) {
        checkOpen();
        step = TrainingState.restore(MetaLstmProvider.NAME, state, adam.parameters(), adam);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this meta-lstm learner is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            metaGradient.close();
            manager.close();
        }
    }
}
