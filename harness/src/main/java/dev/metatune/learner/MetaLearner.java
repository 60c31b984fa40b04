package dev.metatune.learner;

import dev.metatune.task.Episode;
import dev.metatune.task.Examples;
import java.util.List;

/**
 * A meta-learning algorithm's trainable state. It owns its native memory (close it), keeps every
 * tensor on its context's device, and is not thread-safe.
 */
public interface MetaLearner extends AutoCloseable {

    /** How many episodes {@link #metaTrainStep} wants at once (MAML's meta-batch; 1 for ProtoNet). */
    int metaBatchSize();

    /** One meta-training step on a whole meta-batch of episodes; returns plain numbers. */
    StepResult metaTrainStep(List<Episode> batch);

    /** Adapts to one task's support set without changing the meta-parameters. */
    AdaptedModel adapt(Examples support);

    /** Number of trainable meta-parameters (scalars). */
    long parameterCount();

    /**
     * Native arrays this learner (and the adapted models it handed out that are still open) holds
     * right now, for leak checks: the count must not grow from one meta-step to the next, and must
     * fall back when an adapted model is closed. -1 means the learner cannot tell.
     */
    default long liveArrays() {
        return -1;
    }

    /**
     * The whole training state (see {@link LearnerState}): what {@link #restoreState} needs to make a
     * fresh learner of the same algorithm, hyperparameters and context continue exactly as this one.
     * Values are copied to the host; this learner is unchanged. Every registered algorithm implements
     * it (the algorithm contract test checks that training k steps, saving, restoring into a fresh
     * learner and training m more equals training k + m).
     *
     * @throws UnsupportedOperationException for a learner that cannot save its state
     */
    default LearnerState saveState() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot save its training state");
    }

    /**
     * Replaces this learner's training state with {@code state} (saved by a learner of the same
     * algorithm, hyperparameters and context, on any device: the values are moved to this learner's
     * device). A state that does not fit (another algorithm, a missing tensor, another shape) is an
     * {@link IllegalArgumentException} naming what differs, thrown before anything is copied, so the
     * learner is then unchanged.
     *
     * @throws UnsupportedOperationException for a learner that cannot restore a state
     */
    default void restoreState(LearnerState state) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot restore a training state");
    }

    @Override
    void close();
}
