package dev.metatune.algorithms.anil;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.metatune.algorithms.backbone.Conv4;
import dev.metatune.algorithms.backbone.FastWeights;
import dev.metatune.algorithms.backbone.FunctionalNetwork;
import dev.metatune.algorithms.backbone.Mlp;
import dev.metatune.algorithms.backbone.Normalization;
import dev.metatune.algorithms.training.AdamUpdater;
import dev.metatune.algorithms.training.AdaptedNetwork;
import dev.metatune.algorithms.training.Backbones;
import dev.metatune.algorithms.training.Batches;
import dev.metatune.algorithms.training.GradMode;
import dev.metatune.algorithms.training.MetaBatchGradient;
import dev.metatune.algorithms.training.NamedParameter;
import dev.metatune.algorithms.training.TaskTensors;
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
 * ANIL, Almost No Inner Loop (Raghu, Raghu, Bengio and Vinyals, "Rapid Learning or Feature Reuse?
 * Towards Understanding the Effectiveness of MAML", ICLR 2020): MAML with the inner loop restricted
 * to the network's head. A meta-step adapts the head of each task with {@code inner_steps} SGD steps
 * on the support features, and updates body and head with Adam on the mean query loss
 * ({@link AnilMetaGradient}); at test time only the head adapts, for {@code test_inner_steps} steps.
 *
 * <p>Training state ({@link #saveState}): {@link #params} (body then head, in the
 * order of {@link AnilNetwork#parameters()}), {@link #adam} (its moments and step count) and
 * {@link #step}. Memory: a base manager on the context's device owns them; each meta-step a
 * sub-manager, each task one below it.
 */
final class AnilLearner implements MetaLearner {

    private final AnilConfig config;
    private final TaskKind kind;
    private final NDManager manager;
    /** The meta-parameters: body, then head weight and bias. */
    private final NDList params;
    /** Adam over {@link #params}. */
    private final AdamUpdater adam;
    private final AnilMetaGradient metaGradient;
    /** Meta-steps taken. */
    private long step;
    private boolean closed;

    AnilLearner(AnilConfig config, LearnerContext context) {
        AnilNetwork network = network(config, context);
        this.config = config;
        this.kind = context.kind();
        this.manager = NDManager.newBaseManager(context.device(), "PyTorch");
        try {
            this.params = FastWeights.initial(manager, network, context.seed(), DataType.FLOAT32);
            List<NamedParameter> named = new ArrayList<>(params.size());
            for (int i = 0; i < params.size(); i++) {
                params.get(i).setRequiresGradient(true);
                named.add(new NamedParameter(network.parameters().get(i).name(), params.get(i)));
            }
            this.adam = new AdamUpdater(manager, named);
            this.metaGradient = new AnilMetaGradient(manager, network, params, config, context);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Conv-4 (no head) and a linear head per way for images; for regression an MLP body and a 1-output head. */
    static AnilNetwork network(AnilConfig config, LearnerContext context) {
        if (context.kind() == TaskKind.REGRESSION) {
            FunctionalNetwork body = new Mlp(Backbones.inputSize(context), new int[] {config.hidden()}, config.hidden());
            return new AnilNetwork(body, true, 1);
        }
        int[] shape = Backbones.imageShape(context, "ANIL");
        Conv4 body = new Conv4(config.convVariant(), shape[0], shape[1], shape[2], config.filters(), 0);
        return new AnilNetwork(body, false, context.trainSpec().ways());
    }

    @Override
    public int metaBatchSize() {
        return config.metaBatch();
    }

    @Override
    public long parameterCount() {
        return metaGradient.network().parameterCount();
    }

    @Override
    public long liveArrays() {
        return closed ? 0 : manager.getManagedArrays().size();
    }

    @Override
    public StepResult metaTrainStep(List<Episode> batch) {
        checkOpen();
        Batches.checkMetaBatch(batch, kind);
        MetaBatchGradient.Sum sum;
        try (NDManager scope = manager.newSubManager()) {
            sum = metaGradient.compute(batch, scope, !config.firstOrder());
            adam.step(config.outerLr(), sum.gradient(), 1.0 / batch.size());
        }
        step++;
        double accuracy = kind == TaskKind.CLASSIFICATION ? (double) sum.correct() / sum.queries() : Double.NaN;
        return new StepResult(sum.loss() / batch.size(), accuracy);
    }

    /** The body as meta-learned and the head after {@code test_inner_steps} steps on the support features. */
    @Override
    public AdaptedModel adapt(Examples support) {
        checkOpen();
        if (support.kind() != kind) {
            throw new IllegalArgumentException("this learner was created for " + kind + " tasks, got " + support.kind());
        }
        AnilNetwork network = metaGradient.network();
        TaskTensors tensors = metaGradient.tensors();
        try (NDManager work = manager.newSubManager(); GradMode on = GradMode.enabled()) {
            NDList body = network.body(params);
            NDArray xs = tensors.input(work, support);
            NDArray fs;
            NDList statistics = null;
            try (GradMode off = GradMode.disabled()) {
                fs = network.features(body, xs, Normalization.batch());
                if (!metaGradient.transductiveBn()) {
                    statistics = network.bodyStatistics(body, xs);
                }
            }
            NDList head = metaGradient.adaptHead(network.head(params), fs, support, config.testInnerSteps(), false);
            return AdaptedNetwork.of(manager, network, new NDList(body).addAll(head), statistics, tensors);
        }
    }

    /** The meta-parameters (body, then head, by their network names), Adam's state and the meta-step count. */
    @Override
    public LearnerState saveState() {
        checkOpen();
        return TrainingState.save(AnilProvider.NAME, step, adam.parameters(), adam);
    }

    @Override
    public void restoreState(LearnerState state) {
        checkOpen();
        step = TrainingState.restore(AnilProvider.NAME, state, adam.parameters(), adam);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this ANIL learner is closed");
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
