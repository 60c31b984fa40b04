package dev.metatune.learner;

import dev.metatune.task.Examples;

/**
 * A model adapted to one task's support set. Immutable: predicting does not change it. It owns
 * native memory and must be closed.
 */
public interface AdaptedModel extends AutoCloseable {

    /** Predictions for every example of {@code query}. */
    Prediction predict(Examples query);

    @Override
    void close();
}
