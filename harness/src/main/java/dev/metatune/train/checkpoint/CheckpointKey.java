package dev.metatune.train.checkpoint;

import dev.metatune.task.TaskSpec;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a checkpoint belongs to: a checkpoint is resumed only by a training with the same key, so
 * that nothing continues from a state it was not trained for.
 *
 * @param algorithm       the provider's name
 * @param hyperparameters every hyperparameter value (defaults with the configuration on top)
 * @param dataset         the data set's name
 * @param exampleShape    shape of one input
 * @param trainSpec       shape of the training episodes
 * @param trainClassCount classes of the training split
 * @param seed            the training seed (weights and episodes)
 */
public record CheckpointKey(String algorithm, Map<String, Object> hyperparameters, String dataset, int[] exampleShape,
                            TaskSpec trainSpec, int trainClassCount, long seed) {

    public CheckpointKey {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(trainSpec, "trainSpec");
        hyperparameters = java.util.Collections.unmodifiableMap(new TreeMap<>(hyperparameters));
        exampleShape = exampleShape.clone();
    }

    @Override
    public int[] exampleShape() {
        return exampleShape.clone();
    }

    /** The first field in which {@code other} differs from this key, as a sentence; empty when they agree. */
    public Optional<String> difference(CheckpointKey other) {
        if (!algorithm.equals(other.algorithm)) {
            return Optional.of("algorithm '" + other.algorithm + "' instead of '" + algorithm + "'");
        }
        if (!canonical(hyperparameters).equals(canonical(other.hyperparameters))) {
            return Optional.of("hyperparameters " + other.hyperparameters + " instead of " + hyperparameters);
        }
        if (!dataset.equals(other.dataset)) {
            return Optional.of("data set '" + other.dataset + "' instead of '" + dataset + "'");
        }
        if (!Arrays.equals(exampleShape, other.exampleShape)) {
            return Optional.of("examples of shape " + Arrays.toString(other.exampleShape) + " instead of "
                    + Arrays.toString(exampleShape));
        }
        if (!trainSpec.equals(other.trainSpec)) {
            return Optional.of("training episodes " + other.trainSpec + " instead of " + trainSpec);
        }
        if (trainClassCount != other.trainClassCount) {
            return Optional.of(other.trainClassCount + " training classes instead of " + trainClassCount);
        }
        if (seed != other.seed) {
            return Optional.of("seed " + other.seed + " instead of " + seed);
        }
        return Optional.empty();
    }

    /** Numbers compared by value (an integer 2 and a 2.0 read back from JSON are the same). */
    private static Map<String, String> canonical(Map<String, Object> values) {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object v = e.getValue();
            out.put(e.getKey(), v instanceof Number n ? new java.math.BigDecimal(n.toString()).stripTrailingZeros()
                    .toPlainString() : String.valueOf(v));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CheckpointKey k && difference(k).isEmpty();
    }

    @Override
    public int hashCode() {
        return Objects.hash(algorithm, dataset, trainSpec, seed, Arrays.hashCode(exampleShape));
    }
}
