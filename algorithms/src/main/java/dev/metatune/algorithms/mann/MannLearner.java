package dev.metatune.algorithms.mann;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import dev.metatune.algorithms.training.AdamUpdater;
import dev.metatune.algorithms.training.Batches;
import dev.metatune.algorithms.training.GradMode;
import dev.metatune.algorithms.training.Losses;
import dev.metatune.algorithms.training.NamedParameter;
import dev.metatune.algorithms.training.TrainingState;
import dev.metatune.learner.AdaptedModel;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.LearnerState;
import dev.metatune.learner.SequenceLearner;
import dev.metatune.learner.StepResult;
import dev.metatune.task.Episode;
import dev.metatune.task.Examples;
import dev.metatune.task.TaskKind;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A memory-augmented neural network (Santoro et al. 2016) as a Metatune learner.
 *
 * <p>One meta-training step takes {@code episodes_per_step} episodes as one batch of sequences
 * ({@link Presentation}: each support set shuffled and relabelled by a random permutation, labels
 * one time step late, then each query as the next step), runs them through {@link MannNetwork} from a
 * freshly initialised memory, and minimises the mean cross-entropy of every prediction of the
 * sequences (each support step's and each query's, as the paper's loss over the whole episode) by
 * backpropagation through time through every controller step and memory write and read (DJL
 * autograd over the whole unrolled sequence). The gradient's global norm is clipped to
 * {@code clip_norm}, then Adam updates. The step reports the queries' mean loss and accuracy. With
 * {@code train_shift} above 0 every training image is first moved by a random offset ({@link RandomShift}),
 * with {@code train_rotation} above 0 turned by a random angle ({@link RandomRotation}), in that order.
 *
 * <p>Adapting ({@link #adapt}) presents the support set once, in an order shuffled by a generator
 * seeded from the learner's seed (the same support gives the same model), without gradients, and
 * keeps the state after the last support step; each query is then classified as the next time step
 * of that sequence ({@link MannModel}), independently of the other queries. Nothing about the
 * parameters changes at test time: all adaptation is in the memory.
 *
 * <p>All arrays live under one manager on {@code LearnerContext.device()}; each step works in a
 * sub-manager closed before it returns. Weights come from {@code LearnerContext.seed()}; the
 * presentation of training step {@code s} from (seed, s), so a restored learner continues exactly.
 */
public final class MannLearner implements SequenceLearner {

    private static final long ADAPT_STREAM = 0x5DEECE66DL;
    /** Mixed into the step's seed for the training images' random shifts ({@code train_shift}), apart from the presentation. */
    private static final long SHIFT_STREAM = 0x5417_7000_0000_0001L;
    /** Mixed into the step's seed for the training images' random rotations ({@code train_rotation}). */
    private static final long ROTATION_STREAM = 0x7074_7000_0000_0002L;

    private final MannConfig config;
    private final long seed;
    private final NDManager manager;
    private final MannNetwork network;
    private final AdamUpdater adam;
    private final int pixels;
    private long steps;
    private boolean closed;

    public MannLearner(MannConfig config, LearnerContext context) {
        if (context.kind() != TaskKind.CLASSIFICATION) {
            throw new IllegalArgumentException("mann supports classification only, got " + context.kind());
        }
        this.config = config;
        this.seed = context.seed();
        int size = 1;
        for (int d : context.exampleShape()) {
            size = Math.multiplyExact(size, d);
        }
        this.pixels = size;
        int ways = Math.max(context.trainSpec().ways(), context.testSpec().ways());
        this.manager = NDManager.newBaseManager(context.device(), "PyTorch");
        try {
            this.network = new MannNetwork(manager, pixels, ways, config, new SplittableRandom(seed));
            this.adam = new AdamUpdater(manager, network.parameters());
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public int metaBatchSize() {
        return config.episodesPerStep();
    }

    @Override
    public StepResult metaTrainStep(List<Episode> batch) {
        checkOpen();
        Batches.checkMetaBatch(batch, TaskKind.CLASSIFICATION);
        List<Examples> supports = new ArrayList<>(batch.size());
        List<Examples> queries = new ArrayList<>(batch.size());
        SplittableRandom shifts = new SplittableRandom(stepRandom(steps).nextLong() ^ SHIFT_STREAM);
        SplittableRandom rotations = new SplittableRandom(stepRandom(steps).nextLong() ^ ROTATION_STREAM);
        for (Episode e : batch) {
            supports.add(augmented(e.support(), shifts, rotations));
            queries.add(augmented(e.query(), shifts, rotations));
        }
        Presentation p = Presentation.of(supports, queries, network.ways(), stepRandom(steps), true);
        float[] lossAndAccuracy;
        try (NDManager step = manager.newSubManager()) {
            NDArray supportTargets = step.create(p.supportTargets());
            NDArray queryTargets = step.create(p.queryTargets());
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                MannNetwork.Outputs out = network.run(step, p);
                NDArray logits = out.supportLogits().concat(out.queryLogits(), 0);
                NDArray loss = Losses.crossEntropy(logits, supportTargets.concat(queryTargets, 0));
                collector.backward(loss);
                NDArray queryLoss = Losses.crossEntropy(out.queryLogits(), queryTargets);
                lossAndAccuracy = Losses.lossAndAccuracy(queryLoss, out.queryLogits(), queryTargets);
            }
            clipAndUpdate();
        }
        steps++;
        return new StepResult(lossAndAccuracy[0], lossAndAccuracy[1]);
    }

    /** Scales the accumulated gradients to a global norm of at most {@code clip_norm}, updates, zeroes them. */
    private void clipAndUpdate() {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            List<NamedParameter> parameters = adam.parameters();
            List<NDArray> gradients = new ArrayList<>(parameters.size());
            NDArray squares = null;
            for (NamedParameter p : parameters) {
                NDArray g = p.array().getGradient();
                gradients.add(g);
                NDArray s = g.square().sum();
                squares = squares == null ? s : squares.add(s);
            }
            // clip / max(norm, clip): 1 while the norm is within the bound; no host read
            NDArray scale = squares.sqrt().maximum(config.clipNorm()).pow(-1).mul(config.clipNorm());
            List<NDArray> clipped = new ArrayList<>(gradients.size());
            for (NDArray g : gradients) {
                clipped.add(g.mul(scale));
            }
            adam.step(config.lr(), clipped, 1.0);
            for (NDArray g : gradients) {
                g.muli(0);
            }
        }
    }

    private SplittableRandom stepRandom(long step) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + step);
    }

    /** A training part shifted ({@code train_shift}), then rotated ({@code train_rotation}). */
    private Examples augmented(Examples part, SplittableRandom shifts, SplittableRandom rotations) {
        return RandomRotation.of(RandomShift.of(part, config.trainShift(), shifts), config.trainRotation(), rotations);
    }

    @Override
    public AdaptedModel adapt(Examples support) {
        checkOpen();
        Presentation p = Presentation.of(List.of(support), null, network.ways(), adaptRandom(), false);
        NDManager modelManager = manager.newSubManager();
        try (NDManager scratch = manager.newSubManager(); GradMode off = GradMode.disabled()) {
            MannState state = network.run(scratch, p).afterSupport().detachedInto(modelManager);
            return new MannModel(network, state, p.lastLabel(0), pixels, modelManager);
        } catch (RuntimeException e) {
            modelManager.close();
            throw e;
        }
    }

    /**
     * Accuracy by instance, as Santoro et al. report it (Table 1): each episode's support set presented
     * as a sequence (shuffled by a generator seeded with {@code presentationSeed}, labels one step late,
     * no training), every prediction counted under the presentation of its class it was made at (1st,
     * 2nd, ...), and the queries (presented as the next step) apart. Parameters are unchanged.
     */
    public InstanceAccuracy instanceAccuracy(List<Episode> episodes, long presentationSeed) {
        checkOpen();
        Batches.checkMetaBatch(episodes, TaskKind.CLASSIFICATION);
        InstanceAccuracy.Tally tally = new InstanceAccuracy.Tally();
        SplittableRandom random = new SplittableRandom(presentationSeed);
        for (Episode e : episodes) {
            count(e, random.split(), tally);
        }
        return tally.result();
    }

    /**
     * The episode's accuracy at each presentation of a class, then at the queries, with the support
     * in the order {@link #adapt} presents it (so the queries are classified as its model classifies them).
     */
    @Override
    public double[] accuracyByPresentation(Episode episode) {
        checkOpen();
        Batches.checkMetaBatch(List.of(episode), TaskKind.CLASSIFICATION);
        InstanceAccuracy.Tally tally = new InstanceAccuracy.Tally();
        count(episode, adaptRandom(), tally);
        InstanceAccuracy a = tally.result();
        double[] out = new double[a.instances() + 1];
        for (int k = 1; k <= a.instances(); k++) {
            out[k - 1] = a.at(k);
        }
        out[a.instances()] = a.queries();
        return out;
    }

    /** Runs one episode's support sequence and queries without gradients and counts every prediction. */
    private void count(Episode e, SplittableRandom presentation, InstanceAccuracy.Tally tally) {
        Presentation p = Presentation.of(List.of(e.support()), List.of(e.query()), network.ways(), presentation, false);
        try (NDManager scratch = manager.newSubManager(); GradMode off = GradMode.disabled()) {
            MannNetwork.Outputs out = network.run(scratch, p);
            long[] support = out.supportLogits().argMax(1).toLongArray();
            long[] queries = out.queryLogits().argMax(1).toLongArray();
            for (int t = 0; t < support.length; t++) {
                tally.add(p.supportInstances()[t], support[t] == p.supportTargets()[t]);
            }
            for (int j = 0; j < queries.length; j++) {
                tally.addQuery(queries[j] == p.queryTargets()[j]);
            }
        }
    }

    /** The order in which {@link #adapt} presents a support set: the same for every support, from the seed. */
    private SplittableRandom adaptRandom() {
        return new SplittableRandom(seed ^ ADAPT_STREAM);
    }

    @Override
    public long parameterCount() {
        long n = 0;
        for (NamedParameter p : network.parameters()) {
            n += p.array().size();
        }
        return n;
    }

    @Override
    public long liveArrays() {
        return closed ? 0 : manager.getManagedArrays().size();
    }

    /** The network's parameters, Adam's moments and update count, and the meta-step count. */
    @Override
    public LearnerState saveState() {
        checkOpen();
        return TrainingState.save(MannProvider.NAME, steps, network.parameters(), adam);
    }

    @Override
    public void restoreState(LearnerState state) {
        checkOpen();
        steps = TrainingState.restore(MannProvider.NAME, state, network.parameters(), adam);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this mann learner is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            network.close();
            manager.close();
        }
    }
}
