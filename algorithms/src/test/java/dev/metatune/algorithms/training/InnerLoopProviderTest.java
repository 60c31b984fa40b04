package dev.metatune.algorithms.training;

import static dev.metatune.algorithms.training.HyperparameterSupport.intsFrom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.metatune.learner.HyperparameterSpec;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.MetaLearner;
import dev.metatune.space.Distribution;
import dev.metatune.space.Domain;
import dev.metatune.task.TaskKind;
import dev.metatune.task.TaskSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link InnerLoopProvider} on a provider of its own, so that it is tested apart from the algorithms built on it. */
class InnerLoopProviderTest {

    private static final List<HyperparameterSpec> SPECS = List.of(
            new HyperparameterSpec("inner_lr", Domain.Real.positive(), 0.4, Distribution.FloatRange.logScale(0.01, 1.0), "lr"),
            new HyperparameterSpec(InnerLoopProvider.TEST_INNER_STEPS, intsFrom(0), 10, Distribution.IntRange.of(1, 20), "steps"),
            new HyperparameterSpec(InnerLoopProvider.TRANSDUCTIVE_BN, new Domain.Bool(), true,
                    new Distribution.Categorical(List.of(true, false)), "bn"),
            new HyperparameterSpec(InnerLoopProvider.FIRST_ORDER, new Domain.Bool(), false,
                    new Distribution.Categorical(List.of(false, true)), "order"));

    private static final LearnerContext REGRESSION = new LearnerContext(Device.cpu(), TaskKind.REGRESSION, new int[] {1},
            new TaskSpec(1, 5, 5), new TaskSpec(1, 5, 5), 0, 1);

    /** The provider's learner records the values it was made with, in {@link #made}. */
    private static final class Recording extends InnerLoopProvider {
        Hyperparameters made;

        Recording(List<HyperparameterSpec> specs, Map<String, Object> regressionDefaults) {
            super("recording", "records what it is made with", specs, regressionDefaults, List.of(), "test inner steps (head only)");
        }

        @Override
        protected MetaLearner createLearner(Hyperparameters complete, LearnerContext context) {
            made = complete;
            return null;
        }
    }

    @Test
    void regressionTakesItsOwnDefaultsOnTopOfTheDeclaredOnes() {
        Recording provider = new Recording(SPECS, Map.of("inner_lr", 0.01));
        assertEquals(0.4, provider.defaults(TaskKind.CLASSIFICATION).getDouble("inner_lr"));
        assertEquals(0.01, provider.defaults(TaskKind.REGRESSION).getDouble("inner_lr"));
        assertEquals(10, provider.defaults(TaskKind.REGRESSION).getInt(InnerLoopProvider.TEST_INNER_STEPS));
    }

    @Test
    void notesNameTheTestStepsTheBatchNormModeOfClassificationAndFirstOrder() {
        Recording provider = new Recording(SPECS, Map.of());
        assertEquals(List.of("10 test inner steps (head only)", "transductive BN"),
                provider.describe(Hyperparameters.of(Map.of()), TaskKind.CLASSIFICATION));
        assertEquals(List.of("3 test inner steps (head only)", "non-transductive BN", "first-order meta-gradient"),
                provider.describe(Hyperparameters.of(Map.of("test_inner_steps", 3, "transductive_bn", false,
                        "first_order", true)), TaskKind.CLASSIFICATION));
        assertEquals(List.of("10 test inner steps (head only)"), provider.describe(Hyperparameters.of(Map.of()), TaskKind.REGRESSION));
    }

    @Test
    void aLearnerIsMadeFromTheKindsDefaultsWithTheGivenValuesOnTopAndOnlyFromAllowedValues() {
        Recording provider = new Recording(SPECS, Map.of("inner_lr", 0.01));
        provider.create(Hyperparameters.of(Map.of("test_inner_steps", 3)), REGRESSION);
        assertEquals(0.01, provider.made.getDouble("inner_lr"));
        assertEquals(3, provider.made.getInt(InnerLoopProvider.TEST_INNER_STEPS));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> provider.create(
                Hyperparameters.of(Map.of("inner_lr", -1.0)), REGRESSION));
        assertTrue(e.getMessage().contains("inner_lr"), e.getMessage());
    }

    @Test
    void aProviderThatDeclaresTooLittleIsRefusedWhenItIsMade() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Recording(SPECS.subList(0, 2), Map.of()));
        assertTrue(e.getMessage().contains("recording declares no 'transductive_bn'"), e.getMessage());
    }

    @Test
    void aRegressionDefaultForAnUndeclaredHyperparameterIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Recording(SPECS, Map.of("outer_lr", 0.001)));
        assertTrue(e.getMessage().contains("regression default for undeclared 'outer_lr'"), e.getMessage());
    }
}
