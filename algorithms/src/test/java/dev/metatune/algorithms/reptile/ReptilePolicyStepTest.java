package dev.metatune.algorithms.reptile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.metatune.algorithms.rl.OuterStep;
import dev.metatune.algorithms.rl.PolicyLearnerConfig;
import dev.metatune.algorithms.testing.ShortNavigation;
import dev.metatune.learner.AlgorithmProvider;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.MetaLearner;
import dev.metatune.learner.StateTensor;
import dev.metatune.task.Episode;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.TaskKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reptile on reinforcement-learning tasks, through the registered {@code reptile}: one meta-step
 * moves the policy's parameters a fraction epsilon of the way to the tasks' mean adapted
 * parameters, so with epsilon 1 a batch of two tasks lands on the mean of where each task alone
 * takes them, and with epsilon 0.5 they land halfway between the start and where epsilon 1 takes
 * them (the adapted parameters do not depend on epsilon at the first step); epsilon falls linearly
 * over {@code outer_steps}; the report notes say that the inner Adam of classification has no effect.
 */
class ReptilePolicyStepTest {

    private static final EpisodeSource TASKS = ShortNavigation.episodes(1);

    @Test
    void oneMetaStepMovesEpsilonOfTheWayToTheMeanAdaptedParameters() {
        Map<String, float[]> start = parametersAfter(1.0, 0);
        Map<String, float[]> full = parametersAfter(1.0, 1);
        Map<String, float[]> half = parametersAfter(0.5, 1);
        double moved = 0;
        for (Map.Entry<String, float[]> e : start.entrySet()) {
            float[] s = e.getValue();
            float[] f = full.get(e.getKey());
            float[] h = half.get(e.getKey());
            for (int i = 0; i < s.length; i++) {
                moved = Math.max(moved, Math.abs(f[i] - s[i]));
                assertEquals(s[i] + 0.5 * (f[i] - s[i]), h[i], 1e-6 + 1e-5 * Math.abs(f[i] - s[i]),
                        e.getKey() + "[" + i + "]: start " + s[i] + ", epsilon 1 " + f[i]);
            }
        }
        assertTrue(moved > 1e-4, "the meta-step left the parameters where they were (largest change " + moved + ")");
    }

    @Test
    void withEpsilonOneTheParametersBecomeTheMeanOfTheTasksAdaptedOnes() {
        // each task's trajectories come from its own seed, so a task adapts alike alone or in a batch
        Map<String, float[]> a = parametersAfter(List.of(TASKS.episode(0)));
        Map<String, float[]> b = parametersAfter(List.of(TASKS.episode(1)));
        Map<String, float[]> both = parametersAfter(List.of(TASKS.episode(0), TASKS.episode(1)));
        double apart = 0;
        for (Map.Entry<String, float[]> e : both.entrySet()) {
            float[] x = a.get(e.getKey());
            float[] y = b.get(e.getKey());
            for (int i = 0; i < x.length; i++) {
                apart = Math.max(apart, Math.abs(x[i] - y[i]));
                assertEquals((x[i] + y[i]) / 2, e.getValue()[i], 1e-5, e.getKey() + "[" + i + "]");
            }
        }
        assertTrue(apart > 1e-4, "the two tasks adapted alike, so the mean cannot be told from either");
    }

    @Test
    void theOuterStepSizeFallsLinearlyOverOuterSteps() {
        PolicyLearnerConfig annealed = new PolicyLearnerConfig("reptile", 8, 0.1, 2, 1, 2, OuterStep.REPTILE, 0.01, 0.8, true,
                0, PolicyLearnerConfig.DISCOUNT, 4);
        double[] expected = {0.8, 0.6, 0.4, 0.2, 0.0, 0.0};
        long[] steps = {0, 1, 2, 3, 4, 9};
        for (int i = 0; i < steps.length; i++) {
            assertEquals(expected[i], annealed.reptileStepAt(steps[i]), 1e-12, "epsilon at meta-step " + steps[i]);
        }
        PolicyLearnerConfig constant = new PolicyLearnerConfig("reptile", 8, 0.1, 2, 1, 2, OuterStep.REPTILE, 0.01, 0.8, true,
                0, PolicyLearnerConfig.DISCOUNT, 0);
        assertEquals(0.8, constant.reptileStepAt(1000));
    }

    @Test
    void theReportNotesSayWhatReinforcementLearningIgnores() {
        AlgorithmProvider reptile = AlgorithmProvider.registry().get("reptile");
        List<String> notes = reptile.describe(Hyperparameters.of(Map.of("inner_optimizer", "adam")), TaskKind.REINFORCEMENT);
        assertTrue(notes.stream().anyMatch(n -> n.contains("inner_optimizer adam has no effect")), notes.toString());
        assertTrue(reptile.describe(Hyperparameters.empty(), TaskKind.REINFORCEMENT).stream()
                .noneMatch(n -> n.contains("no effect")), "the defaults use plain steps");
    }

    /** The policy's parameters after one meta-step on {@code batch} with outer step size 1. */
    private static Map<String, float[]> parametersAfter(List<Episode> batch) {
        try (MetaLearner learner = create(Map.of("outer_step", 1.0))) {
            learner.metaTrainStep(batch);
            Map<String, float[]> out = new HashMap<>();
            for (StateTensor t : learner.saveState().tensors()) {
                out.put(t.name(), t.values());
            }
            return out;
        }
    }

    /** The policy's parameters after {@code steps} meta-steps with outer step size {@code epsilon}. */
    private static Map<String, float[]> parametersAfter(double epsilon, int steps) {
        try (MetaLearner learner = create(Map.of("outer_step", epsilon))) {
            long next = 0;
            for (int s = 0; s < steps; s++) {
                List<Episode> batch = new ArrayList<>();
                for (int i = 0; i < learner.metaBatchSize(); i++) {
                    batch.add(TASKS.episode(next++));
                }
                learner.metaTrainStep(batch);
            }
            Map<String, float[]> out = new HashMap<>();
            for (StateTensor t : learner.saveState().tensors()) {
                out.put(t.name(), t.values());
            }
            return out;
        }
    }

    private static MetaLearner create(Map<String, Object> settings) {
        Map<String, Object> hp = new HashMap<>(Map.of("hidden", 8, "meta_batch", 3, "inner_steps", 2));
        hp.putAll(settings);
        LearnerContext context = new LearnerContext(Device.cpu(), TASKS.kind(), TASKS.exampleShape(), TASKS.spec(),
                TASKS.spec(), 0, 5);
        return AlgorithmProvider.registry().get("reptile").create(Hyperparameters.of(hp), context);
    }
}
