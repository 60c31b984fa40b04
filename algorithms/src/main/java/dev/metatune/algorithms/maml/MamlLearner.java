package dev.metatune.algorithms.maml;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.metatune.algorithms.backbone.Conv4;
import dev.metatune.algorithms.backbone.FastWeights;
import dev.metatune.algorithms.backbone.FunctionalNetwork;
import dev.metatune.algorithms.backbone.Mlp;
import dev.metatune.algorithms.training.AdamUpdater;
import dev.metatune.algorithms.training.Batches;
import dev.metatune.algorithms.training.GradientModule;
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
 * Model-Agnostic Meta-Learning (Finn, Abbeel and Levine, "Model-Agnostic Meta-Learning for Fast
 * Adaptation of Deep Networks", ICML 2017) and its first-order approximation (Finn et al. 2017,
 * section 5.2; Nichol, Achiam and Schulman, "On First-Order Meta-Learning Algorithms", 2018).
 *
 * <p>A meta-training step adapts a copy of the meta-parameters to each task of the meta-batch with
 * {@code inner_steps} SGD steps on its support loss, evaluates the adapted (fast) weights on the
 * task's query set, and updates the meta-parameters with Adam on the mean query loss. The exact
 * meta-gradient differentiates through the inner gradients (second order, via
 * {@link GradientModule}); with {@code first_order} (the default of {@code fomaml}) they are
 * constants; {@code first_order_until_step} anneals from the first to the second order. The
 * meta-gradient of a batch is {@link MetaGradient}'s: on CPU its tasks are split over task workers
 * (as many as the engine has threads), so a step's numbers depend only on the seed and the thread
 * count.
 *
 * <p>Memory: a base manager on the context's device owns the meta-parameters, Adam's moments and the
 * gradient module and task workers; each meta-step opens a sub-manager, in it one sub-manager per
 * worker's share of the tasks for its gradient sum, and each task a sub-manager of that for
 * everything the task computes. The gradients are never stored in
 * {@code .grad}, so nothing outlives its scope.
 */
public final class MamlLearner implements MetaLearner {

    private final MamlConfig config;
    private final TaskKind kind;
    private final NDManager manager;
    private final NDList params;
    private final AdamUpdater adam;
    private final MetaGradient metaGradient;
    private long step;
    private boolean closed;

    /** A learner for {@code context}: Conv-4 for classification, the 40-40 MLP for regression. */
    public MamlLearner(MamlConfig config, LearnerContext context) {
        FunctionalNetwork network = network(config, context);
        this.config = config;
        this.kind = context.kind();
        this.manager = NDManager.newBaseManager(context.device(), "PyTorch");
        try {
            this.params = FastWeights.initial(manager, network, context.seed(), DataType.FLOAT32);
            for (NDArray p : params) {
                p.setRequiresGradient(true);
            }
            List<NamedParameter> named = new ArrayList<>(params.size());
            for (int i = 0; i < params.size(); i++) {
                named.add(new NamedParameter(network.parameters().get(i).name(), params.get(i)));
            }
            this.adam = new AdamUpdater(manager, named);
            this.metaGradient = new MetaGradient(manager, network, params, config, context);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The network MAML meta-learns for {@code context}: the 40-40 MLP for regression, Conv-4 for images. */
    static FunctionalNetwork network(MamlConfig config, LearnerContext context) {
        int[] shape = context.exampleShape();
        if (context.kind() == TaskKind.REGRESSION) {
            int inputs = 1;
            for (int d : shape) {
                inputs *= d;
            }
            return new Mlp(inputs, new int[] {config.hidden(), config.hidden()}, 1);
        }
        if (context.trainSpec().ways() != context.testSpec().ways()) {
            throw new IllegalArgumentException("MAML's head has one output per way: train ways "
                    + context.trainSpec().ways() + " and test ways " + context.testSpec().ways() + " must be equal");
        }
        if (shape.length != 3) {
            throw new IllegalArgumentException("Conv-4 needs images of shape {channels, height, width}, got "
                    + java.util.Arrays.toString(shape));
        }
        return new Conv4(config.convVariant(), shape[0], shape[1], shape[2], config.filters(), context.trainSpec().ways());
    }

    @Override
    public int metaBatchSize() {
        return config.metaBatch();
    }

    @Override
    public long parameterCount() {
        return metaGradient.inner().network().parameterCount();
    }

    @Override
    public long liveArrays() {
        return closed ? 0 : manager.getManagedArrays().size();
    }

    /**
     * One meta-update: the meta-gradient of the batch's mean query loss ({@link MetaGradient}), exact
     * or first order as the configuration says for this step, applied with Adam.
     */
    @Override
    public StepResult metaTrainStep(List<Episode> batch) {
        checkOpen();
        Batches.checkMetaBatch(batch, kind);
        boolean secondOrder = config.secondOrderAt(step);
        double[] totals;
        long queries;
        try (NDManager batchScope = manager.newSubManager()) {
            MetaGradient.Sum sum = metaGradient.compute(batch, batchScope, secondOrder);
            adam.step(config.outerLr(), sum.gradient(), 1.0 / batch.size());
            totals = sum.readTotals(); // the step's one host read: {loss sum, correct predictions}
            queries = sum.queries();
        }
        step++;
        double accuracy = kind == TaskKind.CLASSIFICATION ? totals[1] / queries : Double.NaN;
        return new StepResult(totals[0] / batch.size(), accuracy);
    }

    /** Name of the state both MAML providers save (one implementation, {@code first_order} a hyperparameter). */
    static final String STATE_NAME = "maml";
    /** The meta-parameters (by their network names), Adam's state and the meta-step count. */
    @Override
    public LearnerState saveState() {
        checkOpen();
        return TrainingState.save(STATE_NAME, step, adam.parameters(), adam);
    }

    @Override
    public void restoreState(LearnerState state) {
        checkOpen();
        step = TrainingState.restore(STATE_NAME, state, adam.parameters(), adam);
    }

    @Override
    public AdaptedModel adapt(Examples support) {
        checkOpen();
        if (support.kind() != kind) {
            throw new IllegalArgumentException("this learner was created for " + kind + " tasks, got " + support.kind());
        }
        return new MamlAdaptedModel(manager, metaGradient.inner(), params, support, config.testInnerSteps(), kind);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this MAML learner is closed");
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
