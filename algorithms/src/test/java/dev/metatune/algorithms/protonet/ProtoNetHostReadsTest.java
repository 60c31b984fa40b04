package dev.metatune.algorithms.protonet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.algorithms.testing.HostReads;
import dev.metatune.algorithms.testing.SyntheticTasks;
import dev.metatune.learner.LearnerContext;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.TaskSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A ProtoNet step reads tensor data back to the host once (loss and accuracy together), however
 * large its episode; {@code MamlHostReadsTest} holds the counter's negative control.
 */
class ProtoNetHostReadsTest {

    @Test
    void aStepReadsOnceWhateverTheEpisodeSize() {
        long small = readsOfOneStep(new TaskSpec(3, 1, 2));
        long large = readsOfOneStep(new TaskSpec(10, 2, 3));
        assertEquals(small, large, "host reads per step grow with the episode (3-way: " + small + ", 10-way: " + large + ")");
        assertTrue(large <= 1, "a step read tensor data back " + large + " times; at most 1 (loss and accuracy)");
    }

    private static long readsOfOneStep(TaskSpec spec) {
        LearnerContext context = SyntheticTasks.context(spec, spec, 3);
        EpisodeSource train = SyntheticTasks.train(spec, 1);
        try (ProtoNetLearner learner = new ProtoNetLearner(
                new ProtoNetConfig(1e-3, 2000, spec.ways(), spec.shots(), spec.queries(), 8), context)) {
            learner.metaTrainStep(List.of(train.episode(0)));
            long before = HostReads.count();
            learner.metaTrainStep(List.of(train.episode(1)));
            return HostReads.count() - before;
        }
    }
}
