package dev.metatune.learner;

import ai.djl.Device;
import dev.metatune.task.TaskKind;
import dev.metatune.task.TaskSpec;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a learner needs to know about the problem it is created for.
 *
 * @param device          where every tensor of the learner lives (CPU or a GPU); never assume CPU
 * @param kind            classification or regression
 * @param exampleShape    shape of one input, e.g. {1, 28, 28}
 * @param trainSpec       shape of the meta-training episodes
 * @param testSpec        shape of the episodes the learner will be adapted on and evaluated with
 * @param trainClassCount classes in the meta-training split (transfer baselines pretrain over all of them)
 * @param seed            seeds weight initialisation and any randomness of the learner
 */
public record LearnerContext(Device device, TaskKind kind, int[] exampleShape, TaskSpec trainSpec, TaskSpec testSpec,
                             int trainClassCount, long seed) {

    public LearnerContext {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(trainSpec, "trainSpec");
        Objects.requireNonNull(testSpec, "testSpec");
        exampleShape = exampleShape.clone();
        if (trainClassCount < 0) {
            throw new IllegalArgumentException("trainClassCount must be >= 0, got " + trainClassCount);
        }
    }

    @Override
    public int[] exampleShape() {
        return exampleShape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LearnerContext c && device.equals(c.device) && kind == c.kind
                && Arrays.equals(exampleShape, c.exampleShape) && trainSpec.equals(c.trainSpec)
                && testSpec.equals(c.testSpec) && trainClassCount == c.trainClassCount && seed == c.seed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(device, kind, Arrays.hashCode(exampleShape), trainSpec, testSpec, trainClassCount, seed);
    }
}
