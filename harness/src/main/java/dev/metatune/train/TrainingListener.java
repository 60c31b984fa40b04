package dev.metatune.train;

import dev.metatune.learner.StepResult;

/**
 * Told after every meta-training step. A listener may stop training by throwing (the sweep runner
 * throws its pruning exception from here after a validation check).
 */
@FunctionalInterface
public interface TrainingListener {

    TrainingListener NONE = (step, total, result) -> { };

    /**
     * @param step   steps finished so far (1-based)
     * @param total  steps planned
     * @param result the step's mean query loss and accuracy
     */
    void afterStep(int step, int total, StepResult result);
}
