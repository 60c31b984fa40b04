package dev.metatune.algorithms.training;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Sets libtorch's (thread-local) autograd mode for a scope and restores the previous mode on close.
 * MAML builds graphs without a DJL {@code GradientCollector} (only one may be open per JVM, and it
 * would store gradients in {@code .grad}); it asks for gradients explicitly through
 * {@link GradientModule} instead.
 */
public final class GradMode implements AutoCloseable {

    private final boolean previous;

    private GradMode(boolean enabled) {
        previous = JniUtils.isGradMode();
        JniUtils.setGradMode(enabled);
    }

    /** Records operations for autograd until closed. */
    public static GradMode enabled() {
        return new GradMode(true);
    }

    /** Records nothing until closed (optimizer updates, predictions). */
    public static GradMode disabled() {
        return new GradMode(false);
    }

    @Override
    public void close() {
        JniUtils.setGradMode(previous);
    }
}
