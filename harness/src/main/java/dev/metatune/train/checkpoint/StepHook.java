package dev.metatune.train.checkpoint;

/**
 * Told by {@code MetaTrainer} after every step, once the {@code TrainingListener} has seen it (so a
 * validation reported at a step belongs to that step's position): where a checkpoint is written.
 */
@FunctionalInterface
public interface StepHook {

    StepHook NONE = position -> { };

    /** @param position where training stands after the step just finished */
    void afterStep(TrainerPosition position);
}
