package dev.metatune.algorithms.anil;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.metatune.learner.Hyperparameters;
import dev.metatune.task.TaskKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code anil}'s defaults by task kind (MAML's, as the paper) and its notes. */
class AnilProviderTest {

    @Test
    void classificationTakesMamlsOmniglotDefaultsAndRegressionItsSinusoidOnes() {
        AnilProvider anil = new AnilProvider();
        assertEquals(0.4, anil.defaults(TaskKind.CLASSIFICATION).getDouble("inner_lr"));
        assertEquals(5, anil.defaults(TaskKind.CLASSIFICATION).getInt("inner_steps"));
        assertEquals(0.01, anil.defaults(TaskKind.REGRESSION).getDouble("inner_lr"));
        assertEquals(1, anil.defaults(TaskKind.REGRESSION).getInt("inner_steps"));
        assertEquals(25, anil.defaults(TaskKind.REGRESSION).getInt("meta_batch"));
    }

    @Test
    void notesSayTheTestStepsAdaptTheHeadOnly() {
        assertEquals(List.of("10 test inner steps (head only)", "transductive BN"),
                new AnilProvider().describe(Hyperparameters.of(Map.of()), TaskKind.CLASSIFICATION));
    }
}
