package dev.metatune.algorithms.metasgd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.metatune.algorithms.backbone.FastWeights;
import dev.metatune.algorithms.backbone.FunctionalNetwork;
import dev.metatune.algorithms.backbone.ParameterSpec;
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
import java.util.SplittableRandom;

/**
 * Meta-SGD (Li, Zhou, Chen and Li, "Meta-SGD: Learning to Learn Quickly for Few-Shot Learning",
 * arXiv:1707.09835, 2017): MAML whose inner step {@code theta - alpha * grad} has a learning rate for
 * every scalar of the network ({@code alpha} of the same shapes as the weights), meta-learned with the
 * initialisation by Adam on the mean query loss, exactly (second order; {@link MetaSgdMetaGradient}).
 * The rates start uniform in [{@code inner_lr_init_low}, low + {@code inner_lr_init_width}] from the seed and
 * may become negative, as in the paper (it does not constrain them).
 *
 * <p>Training state ({@link #saveState}): {@link #theta} (the initialisation, in the
 * order of the network's parameters), {@link #alpha} (the rates, same order and shapes),
 * {@link #adam} (moments over both) and {@link #step}.
 */
final class MetaSgdLearner implements MetaLearner {

    private static final long ALPHA_SEED = 0x5eed_a1fa_0000L;

    private final MetaSgdConfig config;
    private final TaskKind kind;
    private final NDManager manager;
    /** The meta-learned initialisation. */
    private final NDList theta;
    /** The meta-learned per-parameter inner learning rates. */
    private final NDList alpha;
    /** Adam over {@link #theta} then {@link #alpha}. */
    private final AdamUpdater adam;
    private final MetaSgdMetaGradient metaGradient;
    /** Meta-steps taken. */
    private long step;
    private boolean closed;

    MetaSgdLearner(MetaSgdConfig config, LearnerContext context) {
        FunctionalNetwork network = Backbones.forContext(context, config.convVariant(), config.filters(), config.hidden(),
                "Meta-SGD");
        this.config = config;
        this.kind = context.kind();
        this.manager = NDManager.newBaseManager(context.device(), "PyTorch");
        try {
            this.theta = FastWeights.initial(manager, network, context.seed(), DataType.FLOAT32);
            this.alpha = FastWeights.create(manager, network.parameters(),
                    initialRates(network.parameters(), config, context.seed()), DataType.FLOAT32);
            List<NamedParameter> named = new ArrayList<>();
            for (int i = 0; i < theta.size(); i++) {
                theta.get(i).setRequiresGradient(true);
                named.add(new NamedParameter(network.parameters().get(i).name(), theta.get(i)));
            }
            for (int i = 0; i < alpha.size(); i++) {
                alpha.get(i).setRequiresGradient(true);
                named.add(new NamedParameter("lr." + network.parameters().get(i).name(), alpha.get(i)));
            }
            this.adam = new AdamUpdater(manager, named);
            this.metaGradient = new MetaSgdMetaGradient(manager, network, theta, alpha, config, context);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Uniform in [min, max] for every scalar, from the seed (a stream of its own, apart from the weights'). */
    static double[][] initialRates(List<ParameterSpec> specs, MetaSgdConfig config, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ ALPHA_SEED);
        double[][] out = new double[specs.size()][];
        double width = config.innerLrWidth();
        for (int i = 0; i < out.length; i++) {
            out[i] = new double[(int) specs.get(i).size()];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = config.innerLrLow() + width * random.nextDouble();
            }
        }
        return out;
    }

    @Override
    public int metaBatchSize() {
        return config.metaBatch();
    }

    /** Initialisation and learning rates: twice the network's parameters. */
    @Override
    public long parameterCount() {
        return 2 * metaGradient.network().parameterCount();
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

    /** {@code test_inner_steps} steps with the learned rates; queries normalised as {@code transductive_bn} says. */
    @Override
    public AdaptedModel adapt(Examples support) {
        checkOpen();
        if (support.kind() != kind) {
            throw new IllegalArgumentException("this learner was created for " + kind + " tasks, got " + support.kind());
        }
        FunctionalNetwork network = metaGradient.network();
        try (NDManager work = manager.newSubManager(); GradMode on = GradMode.enabled()) {
            NDArray xs = metaGradient.tensors().input(work, support);
            NDList fast = metaGradient.adapt(xs, support, config.testInnerSteps(), false);
            NDList statistics = null;
            if (!metaGradient.transductiveBn()) {
                try (GradMode off = GradMode.disabled()) {
                    statistics = network.batchStatistics(fast, xs);
                }
            }
            return AdaptedNetwork.of(manager, network, fast, statistics, metaGradient.tensors());
        }
    }

    /** The initialisation, the per-parameter learning rates ({@code lr.NAME}), Adam's state over both and the meta-step count. */
    @Override
    public LearnerState saveState() {
        checkOpen();
        return TrainingState.save(MetaSgdProvider.NAME, step, adam.parameters(), adam);
    }

    @Override
    public void restoreState(LearnerState state) {
        checkOpen();
        step = TrainingState.restore(MetaSgdProvider.NAME, state, adam.parameters(), adam);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this Meta-SGD learner is closed");
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
