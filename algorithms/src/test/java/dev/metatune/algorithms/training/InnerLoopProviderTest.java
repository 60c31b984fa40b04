package dev.metatune.algorithms.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.algorithms.anil.AnilProvider;
import dev.metatune.algorithms.metasgd.MetaSgdProvider;
import dev.metatune.learner.HyperparameterSpec;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.MetaLearner;
import dev.metatune.space.Distribution;
import dev.metatune.space.Domain;
import dev.metatune.task.TaskKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InnerLoopProviderTest {

    @Test
    void regressionTakesItsOwnDefaultsOnTopOfTheDeclaredOnes() {
        AnilProvider anil = new AnilProvider();
        assertEquals(0.4, anil.defaults(TaskKind.CLASSIFICATION).getDouble("inner_lr"));
        assertEquals(5, anil.defaults(TaskKind.CLASSIFICATION).getInt("inner_steps"));
        assertEquals(0.01, anil.defaults(TaskKind.REGRESSION).getDouble("inner_lr"));
        assertEquals(1, anil.defaults(TaskKind.REGRESSION).getInt("inner_steps"));
        assertEquals(25, anil.defaults(TaskKind.REGRESSION).getInt("meta_batch"));
        MetaSgdProvider metasgd = new MetaSgdProvider();
        assertEquals(32, metasgd.defaults(TaskKind.CLASSIFICATION).getInt("meta_batch"));
        assertEquals(25, metasgd.defaults(TaskKind.REGRESSION).getInt("meta_batch"));
        assertEquals(metasgd.defaults(TaskKind.CLASSIFICATION).getInt("inner_steps"),
                metasgd.defaults(TaskKind.REGRESSION).getInt("inner_steps"));
    }

    @Test
    void notesNameTheTestStepsTheBatchNormModeOfClassificationAndFirstOrder() {
        AnilProvider anil = new AnilProvider();
        assertEquals(List.of("10 test inner steps (head only)", "transductive BN"),
                anil.describe(Hyperparameters.of(Map.of()), TaskKind.CLASSIFICATION));
        assertEquals(List.of("3 test inner steps (head only)", "non-transductive BN", "first-order meta-gradient"),
                anil.describe(Hyperparameters.of(Map.of("test_inner_steps", 3, "transductive_bn", false,
                        "first_order", true)), TaskKind.CLASSIFICATION));
        assertEquals(List.of("1 test inner steps (learned rates)"),
                new MetaSgdProvider().describe(Hyperparameters.of(Map.of()), TaskKind.REGRESSION));
    }

    @Test
    void aProviderThatDeclaresTooLittleIsRefusedWhenItIsMade() {
        List<HyperparameterSpec> specs = List.of(new HyperparameterSpec(InnerLoopProvider.TEST_INNER_STEPS,
                Domain.Real.positive(), 1.0, Distribution.FloatRange.logScale(0.5, 2.0), "steps"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new InnerLoopProvider("partial",
                "declares too little", specs, Map.of(), List.of(), "steps") {
            @Override
            protected MetaLearner createLearner(Hyperparameters complete, LearnerContext context) {
                throw new AssertionError("never built");
            }
        });
        assertTrue(e.getMessage().contains("partial declares no 'transductive_bn'"), e.getMessage());
    }
}
