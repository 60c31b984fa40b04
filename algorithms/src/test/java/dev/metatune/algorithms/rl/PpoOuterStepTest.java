package dev.metatune.algorithms.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.metatune.algorithms.backbone.FastWeights;
import dev.metatune.algorithms.backbone.ParameterInit;
import dev.metatune.algorithms.testing.ShortNavigation;
import dev.metatune.algorithms.training.AdamUpdater;
import dev.metatune.algorithms.training.GradMode;
import dev.metatune.algorithms.training.GradientModule;
import dev.metatune.algorithms.training.NamedParameter;
import dev.metatune.learner.AlgorithmProvider;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.LearnerState;
import dev.metatune.learner.MetaLearner;
import dev.metatune.learner.StateTensor;
import dev.metatune.task.Episode;
import dev.metatune.task.EpisodeSource;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The first-order PPO-style outer step ({@code outer: ppo}): its Adam epochs lower the clipped
 * surrogate they descend, on fixed trajectories of a tiny policy, and a learning rate a million times
 * smaller barely moves it (so the comparison can fail); through the registered {@code maml}, a
 * learner with {@code outer: ppo} trains on short navigation tasks, moves its parameters, saves its
 * Adam moments with its state, and a restored learner continues bitwise.
 */
class PpoOuterStepTest {

    @Test
    void theAdamEpochsLowerTheClippedSurrogate() {
        double big = drop(1e-2);
        double tiny = drop(1e-8);
        assertTrue(big > 1e-3, "the PPO-style step did not lower its surrogate: drop " + big);
        assertTrue(Math.abs(tiny) < big * 1e-3, "a negligible step size moved the surrogate as much: " + tiny + " vs " + big);
    }

    /** The clipped surrogate before the update minus after it, on fixed trajectories of two tasks. */
    private static double drop(double stepSize) {
        GaussianPolicy policy = new GaussianPolicy(2, new int[] {8}, 2);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
             GradientModule gradients = new GradientModule(manager)) {
            AdaptationObjective objective = new AdaptationObjective(policy, gradients);
            NDList theta = FastWeights.create(manager, policy.parameters(), ParameterInit.values(policy.parameters(), 5),
                    DataType.FLOAT32);
            List<NamedParameter> named = new ArrayList<>();
            for (int i = 0; i < theta.size(); i++) {
                theta.get(i).setRequiresGradient(true);
                named.add(new NamedParameter(policy.parameters().get(i).name(), theta.get(i)));
            }
            NDArray lr = manager.create(0.1f);
            NDList lrs = new NDList();
            for (int i = 0; i < theta.size(); i++) {
                lrs.add(lr);
            }
            SplittableRandom random = new SplittableRandom(11);
            List<TaskData> data = new ArrayList<>();
            for (int task = 0; task < 2; task++) {
                TaskSamples support = samples(manager, random, 16);
                TaskSamples query = samples(manager, random, 16);
                try (GradMode on = GradMode.enabled()) {
                    NDList adapted = objective.adapt(theta, List.of(support), lrs, false);
                    try (GradMode off = GradMode.disabled()) {
                        data.add(new TaskData(List.of(support), query,
                                policy.logProbability(adapted, query.observations(), query.actions()).stopGradient(),
                                policy.mean(adapted, query.observations()).stopGradient(),
                                adapted.get(adapted.size() - 1).stopGradient()));
                    }
                }
            }
            try (AdamUpdater adam = new AdamUpdater(manager, named)) {
                ClippedSurrogateUpdate update = new ClippedSurrogateUpdate(gradients, adam, stepSize);
                double before = update.apply(theta, t -> objective.clippedSurrogate(t, data, lrs, ClippedSurrogateUpdate.CLIP));
                double after = objective.clippedSurrogate(theta, data, lrs, ClippedSurrogateUpdate.CLIP).getFloat();
                assertTrue(Double.isFinite(before) && Double.isFinite(after), before + " -> " + after);
                return before - after;
            }
        }
    }

    @Test
    void mamlWithPpoTrainsAndItsStateRestoresBitwise() {
        AlgorithmProvider maml = AlgorithmProvider.registry().get("maml");
        Hyperparameters hp = Hyperparameters.of(Map.of("outer", "ppo", "hidden", 16, "meta_batch", 4, "outer_lr", 1e-2));
        EpisodeSource train = ShortNavigation.episodes(1);
        LearnerContext context = new LearnerContext(Device.cpu(), train.kind(), train.exampleShape(), train.spec(),
                train.spec(), 0, 7);
        List<Double> straight = new ArrayList<>();
        List<StateTensor> initial;
        try (MetaLearner learner = maml.create(hp, context)) {
            initial = learner.saveState().tensors();
            train(learner, train, 0, 3, straight);
            LearnerState after = learner.saveState();
            assertFalse(initial.equals(after.tensors()), "three PPO-style meta-steps left the parameters as they were");
            assertTrue(after.tensors().stream().anyMatch(t -> t.name().startsWith("adam.m.")), "no Adam moments saved");
            assertEquals(3L * ClippedSurrogateUpdate.EPOCHS, after.counter(AdamUpdater.STEPS),
                    ClippedSurrogateUpdate.EPOCHS + " Adam steps a meta-step");
        }
        List<Double> resumed = new ArrayList<>();
        LearnerState saved;
        try (MetaLearner first = maml.create(hp, context)) {
            train(first, train, 0, 2, resumed);
            saved = first.saveState();
        }
        try (MetaLearner second = maml.create(hp, context)) {
            second.restoreState(saved);
            train(second, train, 2L * second.metaBatchSize(), 1, resumed);
        }
        assertEquals(straight, resumed, "a restored PPO-style learner trained otherwise");
    }

    private static void train(MetaLearner learner, EpisodeSource source, long first, int steps, List<Double> losses) {
        long next = first;
        for (int s = 0; s < steps; s++) {
            List<Episode> batch = new ArrayList<>();
            for (int i = 0; i < learner.metaBatchSize(); i++) {
                batch.add(source.episode(next++));
            }
            double loss = learner.metaTrainStep(batch).loss();
            assertTrue(Double.isFinite(loss), "loss " + loss);
            losses.add(loss);
        }
    }

    private static TaskSamples samples(NDManager manager, SplittableRandom random, int rows) {
        NDArray obs = manager.create(FloatBuffer.wrap(floats(random, rows * 2, 1)), new Shape(rows, 2));
        NDArray act = manager.create(FloatBuffer.wrap(floats(random, rows * 2, 1.5)), new Shape(rows, 2));
        NDArray adv = manager.create(FloatBuffer.wrap(floats(random, rows, 2)), new Shape(rows));
        return new TaskSamples(obs, act, adv, 0);
    }

    private static float[] floats(SplittableRandom random, int n, double bound) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) random.nextDouble(-bound, bound);
        }
        return out;
    }
}
