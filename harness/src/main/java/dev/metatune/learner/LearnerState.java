package dev.metatune.learner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The whole training state of a {@link MetaLearner}, as {@link MetaLearner#saveState()} returns it
 * and {@link MetaLearner#restoreState} takes it back: every array that training changes (meta-parameters,
 * optimizer moments, BatchNorm running statistics) as host values, and every counter (optimizer
 * steps, learning-rate schedule position, steps taken). Restoring it into a fresh learner created
 * with the same algorithm, hyperparameters and context, on any device, makes that learner continue
 * exactly as the saved one would have.
 *
 * @param algorithm the provider's name, checked on restore
 * @param counters  named integer counters, e.g. {@code adam.steps}
 * @param tensors   named arrays, names unique, in the learner's order
 */
public record LearnerState(String algorithm, Map<String, Long> counters, List<StateTensor> tensors) {

    public LearnerState {
        Objects.requireNonNull(algorithm, "algorithm");
        counters = Collections.unmodifiableMap(new TreeMap<>(counters));
        tensors = List.copyOf(tensors);
        java.util.Set<String> names = new java.util.HashSet<>();
        for (StateTensor t : tensors) {
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("learner state of '" + algorithm + "' names tensor '" + t.name()
                        + "' twice");
            }
        }
    }

    /** The counter {@code name}; a missing one is an {@link IllegalArgumentException} naming it. */
    public long counter(String name) {
        Long v = counters.get(name);
        if (v == null) {
            throw new IllegalArgumentException("learner state of '" + algorithm + "' has no counter '" + name + "' (it has "
                    + counters.keySet() + ")");
        }
        return v;
    }

    /**
     * The tensor {@code name}, which must have {@code shape}; a missing tensor or another shape is an
     * {@link IllegalArgumentException} naming both.
     */
    public StateTensor tensor(String name, long[] shape) {
        for (StateTensor t : tensors) {
            if (t.name().equals(name)) {
                if (!Arrays.equals(t.shape(), shape)) {
                    throw new IllegalArgumentException("learner state of '" + algorithm + "': tensor '" + name + "' has shape "
                            + Arrays.toString(t.shape()) + ", this learner needs " + Arrays.toString(shape));
                }
                return t;
            }
        }
        throw new IllegalArgumentException("learner state of '" + algorithm + "' has no tensor '" + name + "'");
    }

    /** Checks that this state belongs to {@code expectedAlgorithm} and holds exactly {@code tensorCount} tensors. */
    public void checkFor(String expectedAlgorithm, int tensorCount) {
        if (!algorithm.equals(expectedAlgorithm)) {
            throw new IllegalArgumentException("a state saved by '" + algorithm + "' cannot be restored into a '"
                    + expectedAlgorithm + "' learner");
        }
        if (tensors.size() != tensorCount) {
            List<String> names = new ArrayList<>();
            for (StateTensor t : tensors) {
                names.add(t.name());
            }
            throw new IllegalArgumentException("learner state of '" + algorithm + "' holds " + tensors.size()
                    + " tensors, this learner has " + tensorCount + ": " + names);
        }
    }

    /** A builder that keeps the order tensors are added in. */
    public static Builder builder(String algorithm) {
        return new Builder(algorithm);
    }

    /** Collects counters and tensors. */
    public static final class Builder {
        private final String algorithm;
        private final Map<String, Long> counters = new LinkedHashMap<>();
        private final List<StateTensor> tensors = new ArrayList<>();

        private Builder(String algorithm) {
            this.algorithm = algorithm;
        }

        public Builder counter(String name, long value) {
            counters.put(name, value);
            return this;
        }

        public Builder tensor(StateTensor tensor) {
            tensors.add(tensor);
            return this;
        }

        public LearnerState build() {
            return new LearnerState(algorithm, counters, tensors);
        }
    }
}
