package dev.metatune.algorithms;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class with PyTorch on one intra-op thread (where bitwise comparisons need a fixed
 * order of sums) and gives back the thread count it found afterwards:
 * {@code @ExtendWith(OneEngineThread.class)}.
 */
public final class OneEngineThread implements BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(OneEngineThread.class);
    private static final String THREADS_BEFORE = "threadsBefore";

    @Override
    public void beforeAll(ExtensionContext context) {
        Engine.getEngine("PyTorch");
        context.getStore(NAMESPACE).put(THREADS_BEFORE, JniUtils.getNumThreads());
        JniUtils.setNumThreads(1);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        JniUtils.setNumThreads(context.getStore(NAMESPACE).get(THREADS_BEFORE, Integer.class));
    }
}
