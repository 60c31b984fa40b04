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

    @Override
    void close();
}
