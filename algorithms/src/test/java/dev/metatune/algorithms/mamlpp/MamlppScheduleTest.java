package dev.metatune.algorithms.mamlpp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.learner.Hyperparameters;
import dev.metatune.task.TaskKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The schedules of MAML++ (MSL weights, DA, CA) as the reference code computes them, and the ablation notes. */
class MamlppScheduleTest {

    private final MamlppProvider provider = new MamlppProvider();

    private MamlppConfig config(Map<String, Object> values) {
        return MamlppConfig.from(provider.defaults(TaskKind.CLASSIFICATION).with(Hyperparameters.of(values)));
    }

    @Test
    void multiStepLossWeightsMoveOntoTheFinalStep() {
        MamlppConfig c = config(Map.of());
        assertArrayEquals(new double[] {0.2, 0.2, 0.2, 0.2, 0.2}, c.lossWeights(0), 1e-12);
        assertArrayEquals(new double[] {0.2, 0.2, 0.2, 0.2, 0.2}, c.lossWeights(499), 1e-12);
        // epoch 5 of 10: non-final 0.2 - 5 * 0.02 = 0.1, final 0.2 + 5 * 4 * 0.02 = 0.6
        assertArrayEquals(new double[] {0.1, 0.1, 0.1, 0.1, 0.6}, c.lossWeights(5 * 500), 1e-12);
        // epoch 9: non-final at the floor 0.03 / 5 = 0.006, final capped at 1 - 4 * 0.006
        assertArrayEquals(new double[] {0.02, 0.02, 0.02, 0.02, 0.92}, c.lossWeights(9 * 500), 1e-12);
        assertArrayEquals(new double[] {0, 0, 0, 0, 1}, c.lossWeights(10 * 500), 0);
        assertArrayEquals(new double[] {0, 0, 0, 0, 1}, config(Map.of("multi_step_loss", false)).lossWeights(0), 0);
    }

    @Test
    void derivativeOrderAndOuterStepSchedules() {
        MamlppConfig da = config(Map.of("first_order_epochs", 2, "iterations_per_epoch", 10));
        assertFalse(da.secondOrderAt(0));
        assertFalse(da.secondOrderAt(19));
        assertTrue(da.secondOrderAt(20));
        assertTrue(config(Map.of()).secondOrderAt(0));
        MamlppConfig ca = config(Map.of("total_epochs", 10, "iterations_per_epoch", 10, "outer_lr", 1e-3, "min_outer_lr", 1e-5));
        assertEquals(1e-3, ca.outerLrAt(0), 1e-15);
        assertEquals(1e-3, ca.outerLrAt(9), 1e-15);
        assertEquals((1e-3 + 1e-5) / 2, ca.outerLrAt(50), 1e-15);
        assertEquals(1e-5, ca.outerLrAt(100), 1e-15);
        assertEquals(1e-5, ca.outerLrAt(1000), 1e-15);
        assertEquals(1e-3, config(Map.of("cosine_annealing", false)).outerLrAt(1000), 0);
    }

    @Test
    void notesNameTheTestStepsTheBatchNormAndWhatIsSwitchedOff() {
        assertEquals(List.of("5 test inner steps", "transductive BN"),
                provider.describe(Hyperparameters.empty(), TaskKind.CLASSIFICATION));
        assertEquals(List.of("5 test inner steps", "non-transductive BN (per-step running statistics)", "without MSL, CA",
                        "first order for 50 epochs (DA)"),
                provider.describe(Hyperparameters.of(Map.of("multi_step_loss", false, "per_step_bn_stats", true,
                        "cosine_annealing", false, "first_order_epochs", 50)), TaskKind.CLASSIFICATION));
    }
}
