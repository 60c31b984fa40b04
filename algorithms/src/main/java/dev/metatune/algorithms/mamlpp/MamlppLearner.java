package dev.metatune.algorithms.mamlpp;

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
 * MAML++ (Antoniou, Edwards and Storkey, "How to train your MAML", ICLR 2019): MAML with
 * multi-step loss optimisation (MSL), per-layer per-step learned inner learning rates (LSLR),
 * per-step BatchNorm weights (BNWB) and running statistics (BNRS), derivative-order annealing (DA)
 * and a cosine-annealed outer learning rate (CA), each switched by its own hyperparameter. A
 * meta-step computes {@link MamlppMetaGradient} with the loss weights, derivative order and outer
 * step size of its step and applies it with Adam, then moves each step's running statistics toward
 * the batch's mean support statistics.
 *
 * <p>Decided here: BNRS uses the running statistics at test time (non-transductive), as the
 * paper describes; the reference code passes {@code training=True} to every BatchNorm call, so it
 * collects them but normalises with batch statistics, which is {@code per_step_bn_stats=false} with
 * {@code transductive_bn=true} here. The running statistics move once per meta-step, from the mean
 * over the batch's tasks, rather than once per forward pass, so they do not depend on the order of
 * the tasks that workers compute side by side.
 *
 * <p>Training state ({@link #saveState}): {@link #params} (Conv-4 weights, per-step BatchNorm
 * weights, learning rates and running statistics), {@link #adam} and {@link #step} (which sets every
 * schedule: MSL's loss weights, DA's derivative order and CA's outer step size all follow from the
 * meta-step count and the epoch it falls in). Without LSLR the one fixed learning rate is a constant
 * of the configuration, not state.
 */
final class MamlppLearner implements MetaLearner {

    private final MamlppConfig config;
    private final NDManager manager;
    /** Every meta-learned array and the running statistics. */
    private final MamlppParameters params;
    /** Adam over {@link MamlppParameters#metaParameters()}. */
    private final AdamUpdater adam;
    private final MamlppMetaGradient metaGradient;
    /** Meta-steps taken. */
    private long step;
    private boolean closed;

    MamlppLearner(MamlppConfig config, LearnerContext context) {
        if (context.kind() != TaskKind.CLASSIFICATION) {
            throw new IllegalArgumentException("maml++ supports classification only, got " + context.kind());
        }
        int[] shape = Backbones.imageShape(context, "MAML++");
        Conv4 conv = new Conv4(config.convVariant(), shape[0], shape[1], shape[2], config.filters(), context.trainSpec().ways());
        this.config = config;
        this.manager = NDManager.newBaseManager(context.device(), "PyTorch");
        try {
            this.params = new MamlppParameters(manager, conv, config, context.seed(), DataType.FLOAT32);
            List<NamedParameter> named = new ArrayList<>();
            for (int i = 0; i < params.metaParameters().size(); i++) {
                named.add(new NamedParameter(params.names().get(i), params.metaParameters().get(i)));
            }
            this.adam = new AdamUpdater(manager, named);
            this.metaGradient = new MamlppMetaGradient(manager, params, config, context);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public int metaBatchSize() {
        return config.metaBatch();
    }

    /** Every meta-learned scalar: weights, per-step BatchNorm weights and learning rates. */
    @Override
    public long parameterCount() {
        return params.count();
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
            sum = metaGradient.compute(batch, scope, config.lossWeights(step), config.secondOrderAt(step));
            int meta = metaGradient.metaCount();
            adam.step(config.outerLrAt(step), sum.gradient().subNDList(0, meta), 1.0 / batch.size());
            try (GradMode off = GradMode.disabled()) {
                int k = meta;
                for (NDList stats : params.runningStatistics) {
                    for (NDArray running : stats) {
                        running.muli(1 - config.bnMomentum()).addi(sum.gradient().get(k++).mul(config.bnMomentum() / batch.size()));
                    }
                }
            }
        }
        step++;
        return new StepResult(sum.loss() / batch.size(), (double) sum.correct() / sum.queries());
    }

    @Override
    public AdaptedModel adapt(Examples support) {
        checkOpen();
        if (support.kind() != TaskKind.CLASSIFICATION) {
            throw new IllegalArgumentException("maml++ learns classification tasks, got " + support.kind());
        }
        try (NDManager work = manager.newSubManager(); GradMode on = GradMode.enabled()) {
            NDArray xs = metaGradient.tensors().input(work, support);
            NDList at = metaGradient.adapt(xs, support, config.testInnerSteps());
            NDList statistics = null;
            if (!params.runningStatistics.isEmpty()) {
                statistics = params.runningStatistics.get(config.stepIndex(Math.max(config.testInnerSteps() - 1, 0)));
            } else if (!config.transductiveBn()) {
                try (GradMode off = GradMode.disabled()) {
                    statistics = params.conv().batchStatistics(at, xs);
                }
            }
            return AdaptedNetwork.of(manager, params.conv(), at, statistics, metaGradient.tensors());
        }
    }

    /** Every meta-parameter (Conv-4 weights, per-step BatchNorm weights, per-step learning rates), the per-step running statistics, Adam's state and the meta-step count, which sets the loss weights, the derivative order and the outer step size. */
    @Override
    public LearnerState saveState() {
        checkOpen();
        return TrainingState.save(MamlppProvider.NAME, step, state(), adam);
    }

    @Override
    public void restoreState(LearnerState state) {
        checkOpen();
        step = TrainingState.restore(MamlppProvider.NAME, state, state(), adam);
    }

    /** The arrays of the saved state: Adam's meta-parameters, then the running statistics. */
    private List<NamedParameter> state() {
        List<NamedParameter> arrays = new ArrayList<>(adam.parameters());
        arrays.addAll(params.namedRunningStatistics());
        return arrays;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this MAML++ learner is closed");
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
