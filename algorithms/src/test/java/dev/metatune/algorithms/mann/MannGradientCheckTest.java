package dev.metatune.algorithms.mann;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import dev.metatune.algorithms.testing.FiniteDifferences;
import dev.metatune.algorithms.training.Losses;
import dev.metatune.algorithms.training.NamedParameter;
import dev.metatune.data.ImageEpisodeSource;
import dev.metatune.data.synthetic.SyntheticImagePool;
import dev.metatune.task.Episode;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.Examples;
import dev.metatune.task.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The gradient MANN trains with (DJL autograd through the unrolled sequence: every controller step,
 * memory write and read, and the queries' steps) against central finite differences in float64 of
 * the sequence loss, for every parameter tensor of a small network (controller, key, gate, add
 * vector when written, key strength when learned, output layer), over two episodes of 3-way 2-shot sequences. Negative
 * control: the gradient of truncated backpropagation (the state detached between time steps, so no
 * gradient flows through earlier memory writes) must be far off, so the check sees the flow through
 * the memory.
 */
class MannGradientCheckTest {

    private static final double H = 1e-6;
    private static final double TOLERANCE = 1e-6;

    @ParameterizedTest(name = "separate_add = {0}, key_strength = {1}")
    @CsvSource({"false, false", "true, false", "false, true"})
    void sequenceGradientMatchesFiniteDifferencesThroughTheMemory(boolean separateAdd, boolean keyStrength) {
        EpisodeSource source = new ImageEpisodeSource(new SyntheticImagePool(12, 6, 6, 3, 0.1, 3), new TaskSpec(3, 2, 1),
                3, "synthetic/train");
        List<Examples> supports = new ArrayList<>();
        List<Examples> queries = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Episode e = source.episode(i);
            supports.add(e.support());
            queries.add(e.query());
        }
        Presentation p = Presentation.of(supports, queries, 3, new SplittableRandom(1), true);
        MannConfig config = new MannConfig(1e-3, 2, 5, 6, 4, 2, 0.9, 10, 1, separateAdd, keyStrength);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
             MannNetwork network = new MannNetwork(manager, 36, 3, config, new SplittableRandom(5), DataType.FLOAT64)) {
            List<NamedParameter> parameters = network.parameters();
            double[][] exact = gradient(manager, network, p, false);
            double[][] truncated = gradient(manager, network, p, true);
            FiniteDifferences.Result r = FiniteDifferences.check(values(parameters), exact, truncated,
                    theta -> set(parameters, theta), () -> loss(manager, network, p), H, 6, 9);
            System.out.printf("mann separate_add=%s: %d coordinates, worst %.2e, truncated BPTT (control) %.2e%n",
                    separateAdd, r.checked(), r.worst(), r.worstControl());
            assertTrue(r.worst() < TOLERANCE, "gradient off by " + r.worst() + " at " + r.worstAt());
            assertTrue(r.worstControl() > 1000 * TOLERANCE, "truncated backpropagation matches as well ("
                    + r.worstControl() + "): the check does not see the gradient through the memory");
        }
    }

    private static double loss(NDManager manager, MannNetwork network, Presentation p) {
        try (NDManager scratch = manager.newSubManager()) {
            return sequenceLoss(scratch, network.run(scratch, p), p).getDouble();
        }
    }

    private static NDArray sequenceLoss(NDManager scratch, MannNetwork.Outputs out, Presentation p) {
        NDArray targets = scratch.create(p.supportTargets()).concat(scratch.create(p.queryTargets()), 0);
        return Losses.crossEntropy(out.supportLogits().concat(out.queryLogits(), 0), targets);
    }

    /** Autograd's gradient of the sequence loss; {@code truncated}: the state detached after every step. */
    private static double[][] gradient(NDManager manager, MannNetwork network, Presentation p, boolean truncated) {
        List<NamedParameter> parameters = network.parameters();
        try (NDManager scratch = manager.newSubManager()) {
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                MannNetwork.Outputs out = truncated ? truncatedRun(scratch, network, p) : network.run(scratch, p);
                collector.backward(sequenceLoss(scratch, out, p));
            }
            double[][] g = new double[parameters.size()][];
            for (int i = 0; i < g.length; i++) {
                try (NDArray grad = parameters.get(i).array().getGradient()) {
                    g[i] = grad.toDoubleArray();
                    grad.muli(0);
                }
            }
            return g;
        }
    }

    /** {@link MannNetwork#run} with every state detached before the next step uses it. */
    private static MannNetwork.Outputs truncatedRun(NDManager scratch, MannNetwork network, Presentation p) {
        NDArray inputs = scratch.create(p.supportInputs(), new ai.djl.ndarray.types.Shape(p.batch(), p.length(), p.width()))
                .toType(DataType.FLOAT64, false);
        MannState state = network.initial(scratch, p.batch());
        List<NDArray> logits = new ArrayList<>();
        for (int t = 0; t < p.length(); t++) {
            MannNetwork.Step step = network.step(inputs.get(new NDIndex(":, {}, :", t)), state);
            logits.add(step.logits());
            state = step.state().detachedInto(scratch);
        }
        NDArray support = ai.djl.ndarray.NDArrays.stack(new ai.djl.ndarray.NDList(logits), 1)
                .reshape((long) p.batch() * p.length(), -1);
        NDArray queryInputs = scratch.create(p.queryInputs(),
                new ai.djl.ndarray.types.Shape((long) p.batch() * p.queries(), p.width())).toType(DataType.FLOAT64, false);
        NDArray queries = network.step(queryInputs, state.repeat(p.queries())).logits();
        return new MannNetwork.Outputs(support, queries, state);
    }

    private static double[][] values(List<NamedParameter> parameters) {
        double[][] out = new double[parameters.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = parameters.get(i).array().toDoubleArray();
        }
        return out;
    }

    private static void set(List<NamedParameter> parameters, double[][] theta) {
        for (int i = 0; i < theta.length; i++) {
            NDArray target = parameters.get(i).array();
            try (NDArray values = target.getManager().create(theta[i], target.getShape());
                 NDArray detached = target.stopGradient()) {
                detached.set(new NDIndex("..."), values);
            }
        }
    }
}
