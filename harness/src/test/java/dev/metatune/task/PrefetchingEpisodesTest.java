package dev.metatune.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.data.DataException;
import dev.metatune.data.sinusoid.SinusoidEpisodeSource;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class PrefetchingEpisodesTest {

    private final SinusoidEpisodeSource sinusoids = new SinusoidEpisodeSource(new TaskSpec(1, 5, 10), 42);

    /** Counts the episodes built, and fails at one index when asked to. */
    private static final class Counting implements EpisodeSource {
        final EpisodeSource inner;
        final AtomicInteger built = new AtomicInteger();
        final long failAt;

        Counting(EpisodeSource inner, long failAt) {
            this.inner = inner;
            this.failAt = failAt;
        }

        @Override
        public TaskSpec spec() {
            return inner.spec();
        }

        @Override
        public TaskKind kind() {
            return inner.kind();
        }

        @Override
        public int[] exampleShape() {
            return inner.exampleShape();
        }

        @Override
        public int classCount() {
            return inner.classCount();
        }

        @Override
        public Episode episode(long index) {
            if (index == failAt) {
                throw new DataException("episode " + index + " cannot be built");
            }
            built.incrementAndGet();
            return inner.episode(index);
        }
    }

    @Test
    void givesTheSourcesEpisodesInOrderFromStart() {
        try (PrefetchingEpisodes p = new PrefetchingEpisodes(sinusoids, 100, 4)) {
            for (long i = 100; i < 150; i++) {
                assertEquals(sinusoids.episode(i), p.next(), "episode " + i);
            }
        }
    }

    @Test
    void followsAGivenIndexSequenceAndEnds() {
        long[] indices = {7, 3, 999, 3};
        try (PrefetchingEpisodes p = new PrefetchingEpisodes(sinusoids, indices, 2)) {
            for (long i : indices) {
                assertEquals(sinusoids.episode(i), p.next());
            }
            assertThrows(NoSuchElementException.class, p::next);
            assertThrows(NoSuchElementException.class, p::next);
        }
    }

    @Test
    void preparesAheadButNoMoreThanTheQueueHolds() throws InterruptedException {
        Counting source = new Counting(sinusoids, -1);
        try (PrefetchingEpisodes p = new PrefetchingEpisodes(source, 0, 3)) {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (p.ready() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(3, p.ready(), "the queue fills without a consumer");
            Thread.sleep(100);
            // three queued plus at most one built and waiting for room
            assertTrue(source.built.get() <= 4, "built " + source.built.get());
            p.next();
            while (p.ready() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(3, p.ready(), "taking one makes room for the next");
        }
    }

    @Test
    void aFailureInTheProducerIsRethrownToTheConsumer() {
        Counting source = new Counting(sinusoids, 3);
        try (PrefetchingEpisodes p = new PrefetchingEpisodes(source, 0, 8)) {
            for (long i = 0; i < 3; i++) {
                assertEquals(sinusoids.episode(i), p.next());
            }
            DataException first = assertThrows(DataException.class, p::next);
            assertEquals("episode 3 cannot be built", first.getMessage());
            DataException again = assertThrows(DataException.class, p::next);
            assertSame(first, again, "every later call rethrows it");
        }
    }

    @Test
    void closeStopsTheThreadAndLaterCallsFail() throws InterruptedException {
        Counting source = new Counting(sinusoids, -1);
        PrefetchingEpisodes p = new PrefetchingEpisodes(source, 0, 2);
        p.next();
        p.close();
        assertFalse(p.running(), "the producer thread has ended");
        int built = source.built.get();
        Thread.sleep(50);
        assertEquals(built, source.built.get(), "nothing is built after close");
        assertThrows(IllegalStateException.class, p::next);
        p.close();
    }

    @Test
    void validatesItsArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PrefetchingEpisodes(sinusoids, 0, 0));
        assertTrue(e.getMessage().contains("capacity") && e.getMessage().contains("0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new PrefetchingEpisodes(sinusoids, -5, 2));
        assertTrue(e.getMessage().contains("-5"), e.getMessage());
    }
}
