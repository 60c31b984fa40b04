package dev.metatune.algorithms.metalstm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.metatune.algorithms.backbone.Conv4;
import dev.metatune.algorithms.backbone.FastWeights;
import dev.metatune.algorithms.backbone.Normalization;
import dev.metatune.algorithms.backbone.ParameterSpec;
import dev.metatune.algorithms.training.GradMode;
import dev.metatune.algorithms.training.GradientModule;
import dev.metatune.algorithms.training.MetaBatchGradient;
import dev.metatune.algorithms.training.TaskTensors;
import dev.metatune.learner.LearnerContext;
import dev.metatune.task.Episode;
import dev.metatune.task.Examples;
import dev.metatune.task.TaskKind;
import java.util.List;
import java.util.Map;

/**
 * The LSTM meta-learner's meta-gradient over a meta-batch (Ravi and Larochelle, ICLR 2017): per task
 * the learner's parameters start at the meta-learned cell state {@code c_0}; each of
 * {@code inner_steps} updates computes the learner's support loss and its gradient at the current
 * parameters, preprocesses both and lets {@link CoordinateLstm} produce the next parameters; the
 * query loss at the final parameters is differentiated with respect to the LSTM's weights and
 * {@code c_0}, through the LSTM's recurrences. As in the paper (section 3.2), the learner's
 * gradients and losses are inputs to the LSTM that the meta-gradient treats as constants: no
 * second derivatives of the learner. During meta-training the learner's BatchNorm uses batch
 * statistics, for the support and the query batches.
 */
final class MetaLstmMetaGradient implements AutoCloseable {

    private final Conv4 learner;
    private final long[] splits;
    private final CoordinateLstm lstm;
    private final NDArray initial;
    private final NDList metaParameters;
    private final GradientModule gradients;
    private final MetaBatchGradient batches;
    private final TaskTensors tensors;
    private final int innerSteps;

    /** {@code initial} is c_0 as {@code [n, 1]} (requires gradients); the LSTM's and its arrays belong to the caller. */
    MetaLstmMetaGradient(NDManager manager, Conv4 learner, CoordinateLstm lstm, NDArray initial, MetaLstmConfig config,
                         LearnerContext context) {
        this.learner = learner;
        List<ParameterSpec> specs = learner.parameters();
        this.splits = new long[specs.size() - 1];
        long offset = 0;
        for (int k = 0; k < splits.length; k++) {
            offset += specs.get(k).size();
            splits[k] = offset;
        }
        this.lstm = lstm;
        this.initial = initial;
        this.metaParameters = new NDList(lstm.parameters()).addAll(new NDList(initial));
        this.innerSteps = config.innerSteps();
        this.tensors = new TaskTensors(initial.getDataType(), context.kind());
        this.gradients = new GradientModule(manager);
        try {
            this.batches = new MetaBatchGradient(context.device(), config.metaBatch(), "meta-lstm");
        } catch (RuntimeException e) {
            gradients.close();
            throw e;
        }
    }

    /** Initial learner parameters for {@code learner} from {@code seed}, flattened to {@code [n, 1]}. */
    static NDArray flatInitial(NDManager manager, Conv4 learner, long seed, ai.djl.ndarray.types.DataType type) {
        try (NDManager scratch = manager.newSubManager()) {
            NDList shaped = FastWeights.create(scratch, learner.parameters(),
                    dev.metatune.algorithms.backbone.ParameterInit.values(learner.parameters(), seed), type);
            NDList flat = new NDList(shaped.size());
            for (NDArray a : shaped) {
                flat.add(a.reshape(-1));
            }
            NDArray all = NDArrays.concat(flat, 0).reshape(-1, 1);
            all.attach(manager);
            return all;
        }
    }

    Conv4 learner() {
        return learner;
    }

    TaskTensors tensors() {
        return tensors;
    }

    /** The LSTM's weights, then c_0. */
    NDList metaParameters() {
        return metaParameters;
    }

    /**
     * The learner's parameter list from flat parameters {@code [n, 1]} (differentiable views), every
     * array in {@code into} (also when {@code theta} is c_0, which lives in the learner's manager).
     */
    NDList unflatten(NDArray theta, NDManager into) {
        NDArray flat = theta.reshape(-1);
        flat.attach(into);
        NDList pieces = flat.split(splits, 0);
        NDList out = new NDList(pieces.size());
        List<ParameterSpec> specs = learner.parameters();
        for (int k = 0; k < pieces.size(); k++) {
            pieces.get(k).attach(into);
            NDArray shaped = pieces.get(k).reshape(new Shape(specs.get(k).shape()));
            shaped.attach(into);
            out.add(shaped);
        }
        return out;
    }

    /** Sums over the batch of the meta-gradients (LSTM weights, then c_0), query losses and correct predictions. */
    MetaBatchGradient.Sum compute(List<Episode> batch, NDManager scope, Map<Episode, FrozenInputs> frozen) {
        return batches.compute(batch, scope, metaParameters, (episode, task, sums) -> {
            NDArray xs = tensors.input(task, episode.support());
            NDArray xq = tensors.input(task, episode.query());
            NDArray theta = unroll(task, xs, episode.support(), innerSteps, true, frozen == null ? null : frozen.get(episode));
            NDArray out = learner.forward(unflatten(theta, task), xq, Normalization.batch());
            NDArray loss = tensors.loss(out, episode.query());
            gradients.accumulate(loss, metaParameters, sums);
            long correct = 0;
            long queries = 0;
            if (tensors.kind() == TaskKind.CLASSIFICATION) {
                correct = TaskTensors.correct(out, episode.query().labels());
                queries = episode.query().count();
            }
            return new MetaBatchGradient.TaskOutcome(TaskTensors.value(loss), correct, queries);
        });
    }

    /**
     * The learner's flat parameters after {@code steps} LSTM updates on the whole support batch
     * {@code xs}; call with autograd on. With {@code track} the result is differentiable in the
     * meta-parameters; {@code frozen}, when given, records or replays the LSTM's inputs.
     */
    NDArray unroll(NDManager task, NDArray xs, Examples support, int steps, boolean track, FrozenInputs frozen) {
        CoordinateLstm.State state = lstm.initial(task, initial);
        long n = initial.getShape().get(0);
        for (int t = 0; t < steps; t++) {
            NDArray grad;
            NDArray inputs;
            if (frozen != null && frozen.recorded()) {
                grad = tensors.constant(task, frozen.gradients.get(t), new Shape(n, 1));
                inputs = tensors.constant(task, frozen.inputs.get(t), new Shape(n, 4));
            } else {
                NDArray leaf;
                try (GradMode off = GradMode.disabled()) {
                    NDArray view = state.theta().stopGradient();
                    leaf = view.duplicate();
                    view.close();
                    leaf.attach(task);
                }
                leaf.setRequiresGradient(true);
                NDArray loss = tensors.loss(learner.forward(unflatten(leaf, task), xs, Normalization.batch()), support);
                grad = gradients.gradients(loss, new NDList(leaf), false).get(0);
                try (GradMode off = GradMode.disabled()) {
                    NDArray lossInput = CoordinateLstm.preprocess(loss.stopGradient().reshape(1, 1)).broadcast(new Shape(n, 2));
                    inputs = NDArrays.concat(new NDList(lossInput, CoordinateLstm.preprocess(grad)), 1);
                }
                if (frozen != null) {
                    frozen.gradients.add(grad.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray());
                    frozen.inputs.add(inputs.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray());
                }
            }
            if (track) {
                state = lstm.step(state, inputs, grad);
            } else {
                try (GradMode off = GradMode.disabled()) {
                    state = lstm.step(state, inputs, grad);
                }
            }
        }
        if (frozen != null) {
            frozen.finishRecording();
        }
        return state.theta();
    }

    @Override
    public void close() {
        batches.close();
        gradients.close();
    }
}
