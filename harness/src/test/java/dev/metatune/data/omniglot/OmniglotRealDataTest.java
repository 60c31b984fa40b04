package dev.metatune.data.omniglot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.data.DataOptions;
import dev.metatune.data.Dataset;
import dev.metatune.plugin.Registry;
import dev.metatune.data.DatasetProvider;
import dev.metatune.data.EpisodeDigest;
import dev.metatune.data.ImagePool;
import dev.metatune.data.SecondJvm;
import dev.metatune.data.SplitInfo;
import dev.metatune.data.cache.ImageCache;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.TaskSpec;
import dev.metatune.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Omniglot (shared, read-only): split sizes, pixels, rotations, the cache, determinism across JVMs. */
class OmniglotRealDataTest {

    @TempDir
    static Path cache;

    static Path root;
    static Dataset omniglot;

    @BeforeAll
    static void open() {
        root = SharedData.require("omniglot");
        omniglot = DatasetProvider.registry().get("omniglot").open(new DataOptions(root, cache, 0, false));
    }

    @Test
    void vinyalsAndLakeSplitsHaveThePublishedSizes() {
        Map<String, Integer> expected = Map.of("train", 4112, "val", 688, "trainval", 4800, "test", 1692,
                "background", 964, "evaluation", 659);
        for (String split : omniglot.splits()) {
            SplitInfo info = omniglot.info(split);
            assertTrue(info.available(), info.detail());
            assertEquals(expected.get(split), info.classes(), split);
            assertEquals(20, info.imagesPerClass(), split);
            ImagePool pool = omniglot.pool(split);
            assertEquals(expected.get(split), pool.classCount(), split);
            for (int c = 0; c < pool.classCount(); c++) {
                assertEquals(20, pool.imagesPerClass(c), split + " class " + pool.className(c));
            }
            assertEquals(List.of(1, 28, 28), java.util.Arrays.stream(pool.exampleShape()).boxed().toList(), split);
        }
        assertEquals(32_460, 20 * (omniglot.pool("background").classCount() + omniglot.pool("evaluation").classCount()));
    }

    @Test
    void pixelsAreBinaryStrokesOnBackground() {
        ImagePool pool = omniglot.pool("background");
        float[] image = new float[28 * 28];
        double strokes = 0;
        int images = 0;
        for (int c = 0; c < pool.classCount(); c += 37) {
            for (int i = 0; i < 20; i += 3) {
                pool.copyImage(c, i, image, 0);
                for (float v : image) {
                    assertTrue(v == 0f || v == 1f, "pixel value " + v);
                    strokes += v;
                }
                images++;
            }
        }
        double fraction = strokes / (images * 28.0 * 28.0);
        // Omniglot's 105x105 images have mean 0.922 with white = 1, i.e. about 8% ink; nearest sampling keeps it
        assertTrue(fraction > 0.06 && fraction < 0.11, "stroke fraction " + fraction);
        // the border is background: the characters are drawn in the middle of the canvas
        double border = 0;
        for (int c = 0; c < pool.classCount(); c += 37) {
            pool.copyImage(c, 0, image, 0);
            for (int j = 0; j < 28; j++) {
                border += image[j] + image[27 * 28 + j];
            }
        }
        assertTrue(border / (2 * 28 * (pool.classCount() / 37 + 1)) < 0.05, "border stroke fraction");
    }

    @Test
    void rotatedClassesAreTheCharacterTurnedCounterClockwise() {
        ImagePool pool = omniglot.pool("test");
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < pool.classCount(); c++) {
            index.put(pool.className(c), c);
        }
        String base = pool.className(0).substring(0, pool.className(0).lastIndexOf('/'));
        float[] upright = new float[784];
        float[] turned = new float[784];
        for (int k = 1; k <= 3; k++) {
            int rotated = index.get(base + "/rot" + String.format("%03d", 90 * k));
            for (int i = 0; i < 20; i++) {
                pool.copyImage(index.get(base + "/rot000"), i, upright, 0);
                pool.copyImage(rotated, i, turned, 0);
                float[] expected = upright;
                for (int t = 0; t < k; t++) {
                    expected = rot90(expected, 28);
                }
                assertTrue(java.util.Arrays.equals(expected, turned), base + " rot" + 90 * k + " drawing " + i);
            }
        }
    }

    /** torch.rot90(x, 1, dims=(0, 1)): out[i][j] = in[j][n - 1 - i]. */
    private static float[] rot90(float[] in, int n) {
        float[] out = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out[i * n + j] = in[j * n + (n - 1 - i)];
            }
        }
        return out;
    }

    @Test
    void episodesAreIdenticalAcrossJvmsAndRequestOrders() throws Exception {
        TaskSpec spec = new TaskSpec(5, 1, 15);
        long seed = 1234;
        List<Long> indices = List.of(0L, 17L, 999L);
        EpisodeSource source = omniglot.episodes("test", spec, seed);
        Map<Long, String> here = new LinkedHashMap<>();
        for (long i : indices) {
            here.put(i, EpisodeDigest.of(source.episode(i)));
        }
        EpisodeSource fresh = omniglot.episodes("test", spec, seed);
        for (long i : List.of(999L, 0L, 17L)) {
            assertEquals(here.get(i), EpisodeDigest.of(fresh.episode(i)), "episode " + i + " asked in another order");
        }
        assertEquals(3, new java.util.HashSet<>(here.values()).size(), "different indices give different episodes");
        List<String> args = new ArrayList<>(List.of("omniglot", root.toString(), cache.toString(), "test",
                Long.toString(seed), "5", "1", "15"));
        List.of(999L, 17L, 0L).forEach(i -> args.add(Long.toString(i)));
        Map<Long, String> there = SecondJvm.episodeDigests(args);
        assertEquals(new TreeMap<>(here), new TreeMap<>(there), "episode digests in this JVM and in a second one");
    }

    @Test
    void aSecondOpenReadsTheCacheAndGivesTheSameImages() throws Exception {
        ImagePool first = omniglot.pool("evaluation");
        try (Stream<Path> files = Files.list(cache)) {
            List<Path> all = files.toList();
            assertTrue(all.stream().anyMatch(p -> p.getFileName().toString().startsWith("omniglot-images_evaluation-28px")),
                    "cache files: " + all);
            assertTrue(all.stream().noneMatch(ImageCache::isTemporary), "no temporary files: " + all);
        }
        Dataset again = DatasetProvider.registry().get("omniglot").open(new DataOptions(root, cache, 0, false));
        long start = System.nanoTime();
        ImagePool second = again.pool("evaluation");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds < 10, "loading from the cache took " + seconds + " s");
        float[] a = new float[784];
        float[] b = new float[784];
        for (int c = 0; c < first.classCount(); c += 11) {
            first.copyImage(c, 7, a, 0);
            second.copyImage(c, 7, b, 0);
            assertTrue(java.util.Arrays.equals(a, b), first.className(c));
        }
    }
}
