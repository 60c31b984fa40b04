package dev.metatune.algorithms.maml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.metatune.algorithms.testing.HostReads;
import dev.metatune.task.EpisodeSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A MAML meta-step reads tensor data back to the host once (its summed loss and correct count),
 * however many tasks its meta-batch holds: per-task reads would stall a GPU once per task.
 */
class MamlHostReadsTest {

    @BeforeAll
    static void engine() {
        Engine.getEngine("PyTorch");
    }

    @Test
    void theCounterCountsOneReadPerArrayRead() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            long before = HostReads.count();
            manager.ones(new Shape(3)).toFloatArray();
            manager.ones(new Shape(1)).getFloat();
            assertEquals(2, HostReads.count() - before, "the negative control: reads must be counted");
        }
    }

    @ParameterizedTest(name = "first order {0}")
    @ValueSource(booleans = {true, false})
    void aMetaStepReadsOnceWhateverTheMetaBatch(boolean firstOrder) {
        long small = readsOfOneStep(2, firstOrder);
        long large = readsOfOneStep(6, firstOrder);
        assertEquals(small, large, "host reads per step grow with the meta-batch (2 tasks: " + small + ", 6: " + large + ")");
        assertTrue(large <= 1, "a meta-step read tensor data back " + large + " times; at most 1 (loss and accuracy)");
    }

    private static long readsOfOneStep(int metaBatch, boolean firstOrder) {
        EpisodeSource source = MamlTestSupport.tinyImages(5);
        MamlConfig config = MamlTestSupport.config(0.4, 1, metaBatch, firstOrder, true);
        try (MamlLearner learner = MamlTestSupport.learner(config, source, 3)) {
            learner.metaTrainStep(MamlTestSupport.batch(source, 0, metaBatch)); // warm-up: module loading, first calls
            long before = HostReads.count();
            learner.metaTrainStep(MamlTestSupport.batch(source, metaBatch, metaBatch));
            return HostReads.count() - before;
        }
    }
}
