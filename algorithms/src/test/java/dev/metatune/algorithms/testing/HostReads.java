package dev.metatune.algorithms.testing;

import static net.bytebuddy.matcher.ElementMatchers.named;

import ai.djl.pytorch.jni.JniUtils;
import java.util.concurrent.atomic.AtomicLong;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.ByteBuddyAgent;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.loading.ClassReloadingStrategy;

/**
 * Counts reads of tensor data back to the host. Every such read in DJL's PyTorch engine
 * ({@code toFloatArray}, {@code getFloat}, {@code toDoubleArray}, {@code toByteBuffer}, ...) ends in
 * {@code JniUtils.getByteBuffer}, which on a GPU is also where the device-to-host copy happens; the
 * first {@link #count()} rewrites that method (a Java agent, attached to this test JVM) to count its
 * calls. The count is JVM-wide: read it around the code measured, on one thread.
 */
public final class HostReads {

    private static final AtomicLong READS = new AtomicLong();
    private static boolean installed;

    private HostReads() {
    }

    /** Host reads so far in this JVM (installing the counter on first use). */
    public static synchronized long count() {
        if (!installed) {
            ByteBuddyAgent.install();
            new ByteBuddy().redefine(JniUtils.class)
                    .visit(Advice.to(Counter.class).on(named("getByteBuffer")))
                    .make()
                    .load(JniUtils.class.getClassLoader(), ClassReloadingStrategy.fromInstalledAgent());
            installed = true;
        }
        return READS.get();
    }

    /** Called by the rewritten method; public because it runs in DJL's class. */
    public static void record() {
        READS.incrementAndGet();
    }

    /** The code put at the start of {@code JniUtils.getByteBuffer}. */
    public static final class Counter {

        private Counter() {
        }

        @Advice.OnMethodEnter
        static void enter() {
            HostReads.record();
        }
    }
}
