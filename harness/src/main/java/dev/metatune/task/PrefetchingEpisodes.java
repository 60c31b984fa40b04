package dev.metatune.task;

import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.PrimitiveIterator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.stream.LongStream;

/**
 * Prepares episodes ahead on a background daemon thread, so a learner rarely waits for data: the
 * episodes of a given index sequence ({@code start, start + 1, ...} by default) are built from an
 * {@link EpisodeSource} into a bounded queue of {@code capacity} episodes, and {@link #next()} takes
 * them in order, blocking when none is ready. Because episodes depend on (seed, index) only, prefetching
 * changes nothing about which episodes a consumer sees.
 *
 * <p>An exception thrown while building an episode is rethrown by the {@code next()} call that would
 * have returned it (and every later one), with the producer's stack trace. {@link #close()} stops the
 * thread. One consumer thread at a time.
 */
public final class PrefetchingEpisodes implements AutoCloseable {

    /** A queue entry: an episode, a failure, or the end of a finite sequence. */
    private record Item(Episode episode, Throwable failure) {
        static final Item END = new Item(null, null);
    }

    private final BlockingQueue<Item> queue;
    private final Thread producer;
    private final String description;
    private volatile boolean closed;
    private Throwable failure;
    private boolean ended;

    /** Episodes {@code start, start + 1, ...} of {@code source}, without end. */
    public PrefetchingEpisodes(EpisodeSource source, long start, int capacity) {
        this(source, LongStream.iterate(checkStart(start), i -> i + 1).iterator(), capacity);
    }

    /** The episodes of {@code source} at {@code indices}, in that order. */
    public PrefetchingEpisodes(EpisodeSource source, long[] indices, int capacity) {
        this(source, LongStream.of(indices.clone()).iterator(), capacity);
    }

    private PrefetchingEpisodes(EpisodeSource source, PrimitiveIterator.OfLong indices, int capacity) {
        Objects.requireNonNull(source, "source");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.description = source.toString();
        this.producer = new Thread(() -> produce(source, indices), "metatune-prefetch");
        producer.setDaemon(true);
        producer.start();
    }

    private static long checkStart(long start) {
        if (start < 0) {
            throw new IllegalArgumentException("start must be non-negative, got " + start);
        }
        return start;
    }

    private void produce(EpisodeSource source, PrimitiveIterator.OfLong indices) {
        try {
            while (!closed && indices.hasNext()) {
                Item item;
                try {
                    item = new Item(source.episode(indices.nextLong()), null);
                } catch (RuntimeException | Error e) {
                    queue.put(new Item(null, e));
                    return;
                }
                queue.put(item);
            }
            if (!closed) {
                queue.put(Item.END);
            }
        } catch (InterruptedException e) {
            // closed while waiting for room in the queue: stop
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The next episode, waiting until it is ready.
     *
     * @throws NoSuchElementException after the last index of a finite sequence
     * @throws IllegalStateException  after {@link #close()}
     * @throws CancellationException  when this thread is interrupted while waiting (its interrupt flag is kept)
     */
    public Episode next() {
        if (closed) {
            throw new IllegalStateException("prefetcher of " + description + " is closed");
        }
        rethrowFailure();
        if (ended) {
            throw new NoSuchElementException("no more episodes: the index sequence of " + description + " has ended");
        }
        Item item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for an episode of " + description);
        }
        if (item.failure() != null) {
            failure = item.failure();
            rethrowFailure();
        }
        if (item == Item.END) {
            ended = true;
            throw new NoSuchElementException("no more episodes: the index sequence of " + description + " has ended");
        }
        return item.episode();
    }

    private void rethrowFailure() {
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }

    /** Episodes built and waiting in the queue. */
    public int ready() {
        return queue.size();
    }

    /** Stops the background thread and waits for it to end; idempotent. */
    @Override
    public void close() {
        closed = true;
        producer.interrupt();
        boolean interrupted = false;
        while (producer.isAlive()) {
            try {
                producer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        queue.clear();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the background thread is still running (for tests and diagnostics). */
    public boolean running() {
        return producer.isAlive();
    }
}
