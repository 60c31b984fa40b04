package dev.metatune.algorithms.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.metatune.learner.LearnerState;
import dev.metatune.learner.StateTensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves a learner's arrays into a {@link LearnerState} and back. Saving copies the logical values
 * (row-major, whatever the memory layout) to the host; restoring checks every tensor first (name and
 * shape), then copies the values into the existing arrays in place, on their device, so that their
 * layout (channels-last weights), their gradient flag and every reference to them stay as they were.
 * Float32 arrays only (training state is float32).
 */
public final class StateArrays {

    private final LearnerState state;
    private final List<NDArray> targets = new ArrayList<>();
    private final List<StateTensor> sources = new ArrayList<>();

    private StateArrays(LearnerState state) {
        this.state = state;
    }

    /** The host copy of {@code array} under {@code name}. */
    public static StateTensor save(String name, NDArray array) {
        if (array.getDataType() != DataType.FLOAT32) {
            throw new IllegalStateException("state tensor '" + name + "' is " + array.getDataType()
                    + "; learner state holds float32 only");
        }
        // reading a channels-last array makes a contiguous copy; the scope frees it
        try (NDScope scope = new NDScope()) {
            return new StateTensor(name, array.getShape().getShape(), array.toFloatArray());
        }
    }

    /** A restore from {@code state}: name the arrays with {@link #expect}, then {@link #copy}. */
    public static StateArrays from(LearnerState state) {
        return new StateArrays(state);
    }

    /** Checks that the state holds {@code name} with {@code target}'s shape, to be copied into {@code target}. */
    public StateArrays expect(String name, NDArray target) {
        sources.add(state.tensor(name, target.getShape().getShape()));
        targets.add(target);
        return this;
    }

    /** Copies every expected tensor into its array, once all were found with the right shapes. */
    public void copy() {
        for (int i = 0; i < targets.size(); i++) {
            NDArray target = targets.get(i);
            StateTensor source = sources.get(i);
            try (NDArray values = target.getManager().create(source.values(), target.getShape());
                 NDArray detached = target.stopGradient()) {
                // an indexed assignment copies into the existing storage (copy_), keeping its strides
                detached.set(new NDIndex("..."), values);
            }
        }
    }

    /** How many tensors were expected. */
    public int count() {
        return targets.size();
    }
}
