package dev.metatune.algorithms.metasgd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.metatune.learner.Hyperparameters;
import dev.metatune.task.TaskKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code metasgd}'s defaults by task kind and its notes. */
class MetaSgdProviderTest {

    @Test
    void regressionChangesTheMetaBatchOnlyAndKeepsOneInnerStep() {
        MetaSgdProvider metasgd = new MetaSgdProvider();
        assertEquals(32, metasgd.defaults(TaskKind.CLASSIFICATION).getInt("meta_batch"));
        assertEquals(25, metasgd.defaults(TaskKind.REGRESSION).getInt("meta_batch"));
        assertEquals(metasgd.defaults(TaskKind.CLASSIFICATION).getInt("inner_steps"),
                metasgd.defaults(TaskKind.REGRESSION).getInt("inner_steps"));
    }

    @Test
    void notesSayTheTestStepsUseTheLearnedRates() {
        assertEquals(List.of("1 test inner steps (learned rates)"),
                new MetaSgdProvider().describe(Hyperparameters.of(Map.of()), TaskKind.REGRESSION));
    }
}
