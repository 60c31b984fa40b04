package dev.metatune.algorithms.training;

import dev.metatune.learner.LearnerState;
import java.util.List;

/**
 * The {@link LearnerState} of a learner whose whole training state is a list of named arrays (its
 * meta-parameters, then any other array training changes, such as running statistics), optionally
 * an {@link AdamUpdater} over some of them, and a count of meta-steps (the position of every
 * schedule that depends on the step). Saved as: counter {@link #STEP}, the arrays by name in order,
 * then Adam's moments and its counter {@link AdamUpdater#STEPS}.
 *
 * <p>{@link #restore} reads every counter and checks every tensor (name, shape, count, algorithm)
 * before it copies anything, so a state that does not fit leaves the learner unchanged.
 */
public final class TrainingState {

    /** Counter name of the meta-steps taken. */
    public static final String STEP = "step";

    private TrainingState() {
    }

    /**
     * The state of {@code algorithm}: {@code step}, {@code arrays} and, when {@code adam} is not null,
     * Adam's moments and update count.
     */
    public static LearnerState save(String algorithm, long step, List<NamedParameter> arrays, AdamUpdater adam) {
        LearnerState.Builder state = LearnerState.builder(algorithm).counter(STEP, step);
        for (NamedParameter a : arrays) {
            state.tensor(StateArrays.save(a.name(), a.array()));
        }
        if (adam != null) {
            adam.save(state);
        }
        return state.build();
    }

    /**
     * Copies what {@link #save} wrote into {@code arrays} and {@code adam} (null when the learner has
     * none) in place, and returns the saved step count; refuses ({@link IllegalArgumentException},
     * nothing changed) a state of another algorithm, with a missing, extra or reshaped tensor, or a
     * missing counter.
     */
    public static long restore(String algorithm, LearnerState state, List<NamedParameter> arrays, AdamUpdater adam) {
        long step = state.counter(STEP);
        if (step < 0) {
            throw new IllegalArgumentException("learner state of '" + algorithm + "': counter '" + STEP
                    + "' must be >= 0, got " + step);
        }
        long adamSteps = adam == null ? 0 : state.counter(AdamUpdater.STEPS);
        if (adamSteps < 0) {
            throw new IllegalArgumentException("learner state of '" + algorithm + "': counter '" + AdamUpdater.STEPS
                    + "' must be >= 0, got " + adamSteps);
        }
        StateArrays restore = StateArrays.from(state);
        for (NamedParameter a : arrays) {
            restore.expect(a.name(), a.array());
        }
        int n = arrays.size();
        if (adam != null) {
            n += adam.expect(restore);
        }
        state.checkFor(algorithm, n);
        restore.copy();
        if (adam != null) {
            adam.restoreStepCount(adamSteps);
        }
        return step;
    }
}
