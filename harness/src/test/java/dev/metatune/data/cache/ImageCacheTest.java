package dev.metatune.data.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.data.DataException;
import dev.metatune.error.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageCacheTest {

    @TempDir
    Path dir;

    private static CachedImages sample(String fingerprint) {
        byte[] a = new byte[2 * 3 * 4 * 5];
        byte[] b = new byte[3 * 4 * 5];
        for (int i = 0; i < a.length; i++) {
            a[i] = (byte) (i * 7);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (255 - i);
        }
        return new CachedImages(fingerprint, 3, 4, 5, List.of("first", "second é"), List.of(a, b));
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void writesAndReadsBackExactly() throws IOException {
        ImageCache cache = ImageCache.in(dir, "sample", "abc123");
        cache.write(sample("abc123"));
        assertEquals(Optional.of(sample("abc123")), cache.read("abc123"));
        assertEquals(2, cache.read("abc123").orElseThrow().imageCount(0));
        assertEquals(List.of(cache.file()), files());
    }

    @Test
    void aDifferentFingerprintIsStale() {
        ImageCache cache = new ImageCache(dir.resolve("x.bin"));
        cache.write(sample("old"));
        assertEquals(Optional.empty(), cache.read("new"));
    }

    @Test
    void everyCorruptionIsRejected() throws IOException {
        ImageCache cache = new ImageCache(dir.resolve("x.bin"));
        cache.write(sample("f"));
        byte[] good = Files.readAllBytes(cache.file());
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x10;
            Files.write(cache.file(), bad);
            assertEquals(Optional.empty(), cache.read("f"), "byte " + i + " flipped");
        }
        for (int n : new int[] {0, 5, good.length / 2, good.length - 1}) {
            Files.write(cache.file(), java.util.Arrays.copyOf(good, n));
            assertEquals(Optional.empty(), cache.read("f"), "truncated to " + n);
        }
        byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
        Files.write(cache.file(), longer);
        assertEquals(Optional.empty(), cache.read("f"), "trailing garbage");
    }

    @Test
    void readOrBuildDecodesOnceAndWritesNothingWhenDecodingFails() throws IOException {
        ImageCache cache = new ImageCache(dir.resolve("y.bin"));
        assertThrows(DataException.class, () -> cache.readOrBuild("f", () -> {
            throw new DataException("broken input");
        }));
        assertEquals(List.of(), files());
        AtomicInteger decodes = new AtomicInteger();
        cache.readOrBuild("f", () -> {
            decodes.incrementAndGet();
            return sample("f");
        });
        assertEquals(sample("f"), cache.readOrBuild("f", () -> {
            decodes.incrementAndGet();
            return sample("f");
        }));
        assertEquals(1, decodes.get());
    }

    @Test
    void anUnwritableCacheFolderIsNamedAndLeavesNoTemporaryFile() throws IOException {
        Path notAFolder = dir.resolve("file");
        Files.writeString(notAFolder, "x");
        ImageCache cache = new ImageCache(notAFolder.resolve("z.bin"));
        UserInputException e = assertThrows(UserInputException.class, () -> cache.write(sample("f")));
        assertTrue(e.getMessage().contains(notAFolder.resolve("z.bin").toString()) && e.getMessage().contains("--cache-dir"),
                e.getMessage());
        assertEquals(List.of(notAFolder), files());
    }
}
