package dev.metatune.algorithms.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * While open, a daemon thread keeps calling the garbage collector and filling freshly allocated
 * small direct buffers with NaN, so that native memory freed under a computation is soon reused
 * with poison: a learner that lets the engine read memory the collector can free (a Java buffer
 * wrapped without a copy, see {@code training/GraphScalars}) gives other numbers from run to run.
 * {@code try (NativeMemoryChurn churn = NativeMemoryChurn.start()) { ... }}
 */
public final class NativeMemoryChurn implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    private NativeMemoryChurn() {
        thread = new Thread(this::churn, "native-memory-churn");
        thread.setDaemon(true);
    }

    /** Starts the churn. */
    public static NativeMemoryChurn start() {
        NativeMemoryChurn churn = new NativeMemoryChurn();
        churn.thread.start();
        return churn;
    }

    private void churn() {
        List<ByteBuffer> held = new ArrayList<>();
        while (running.get()) {
            System.gc();
            held.clear();
            for (int i = 0; i < 256; i++) {
                ByteBuffer b = ByteBuffer.allocateDirect(4 + 4 * (i % 4)).order(ByteOrder.nativeOrder());
                while (b.remaining() >= 4) {
                    b.putFloat(Float.NaN);
                }
                held.add(b);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops the churn and waits for its thread. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join();
    }
}
