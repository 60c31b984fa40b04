package dev.metatune.data.omniglot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.data.DataOptions;
import dev.metatune.data.Dataset;
import dev.metatune.data.ImageDecoding;
import dev.metatune.data.ImagePool;
import dev.metatune.data.SplitInfo;
import dev.metatune.task.Episode;
import dev.metatune.task.TaskSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Omniglot on small archives in the official layout that the test writes. */
class OmniglotDatasetTest {

    @TempDir
    Path data;

    @TempDir
    Path cache;

    private Dataset open(Path root, int size) {
        return new OmniglotProvider().open(new DataOptions(root, cache, size, false));
    }

    @Test
    void splitsHaveTheClassesOfTheirFiles() throws IOException {
        Dataset omniglot = open(OmniglotFixture.write(data, true), 0);
        assertEquals(List.of("train", "val", "trainval", "test", "background", "evaluation"), omniglot.splits());
        int[][] expected = {{12, 20}, {4, 20}, {16, 20}, {12, 20}, {5, 20}, {2, 20}};
        for (int s = 0; s < expected.length; s++) {
            String split = omniglot.splits().get(s);
            SplitInfo info = omniglot.info(split);
            assertTrue(info.available(), info.detail());
            assertEquals(expected[s][0], info.classes(), split);
            assertEquals(expected[s][1], info.imagesPerClass(), split);
            assertEquals(expected[s][0], omniglot.pool(split).classCount(), split);
        }
        assertEquals("Alpha/character01/rot090", omniglot.pool("train").className(1));
        assertEquals("Gamma/character02", omniglot.pool("evaluation").className(1));
    }

    @Test
    void imagesAreTheNearestSamplesOfTheDrawingsWithStrokesOne() throws IOException {
        Dataset omniglot = open(OmniglotFixture.write(data, true), 0);
        ImagePool pool = omniglot.pool("background");
        // class 0 is Alpha/character01; its drawing 0 is drawer 01
        boolean[][] black = OmniglotFixture.drawing("Alpha/character01".hashCode() * 31L + 1);
        float[] image = new float[28 * 28];
        pool.copyImage(0, 0, image, 0);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                // Pillow's NEAREST samples the source pixel under the output pixel's centre
                int sy = (int) Math.floor((y + 0.5) * 105 / 28);
                int sx = (int) Math.floor((x + 0.5) * 105 / 28);
                assertEquals(black[sy][sx] ? 1f : 0f, image[y * 28 + x], "pixel " + y + "," + x);
            }
        }
    }

    @Test
    void rotationClassesTurnTheDrawingsCounterClockwise() throws IOException {
        ImagePool train = open(OmniglotFixture.write(data, true), 0).pool("train");
        float[] upright = new float[784];
        float[] turned = new float[784];
        for (int k = 1; k <= 3; k++) {
            assertEquals("Alpha/character02/rot" + String.format("%03d", 90 * k), train.className(4 + k));
            for (int i = 0; i < 20; i += 7) {
                train.copyImage(4, i, upright, 0);
                train.copyImage(4 + k, i, turned, 0);
                for (int y = 0; y < 28; y++) {
                    for (int x = 0; x < 28; x++) {
                        // torch.rot90(img, k, dims=(H, W)) turns counter-clockwise: out[y][x] = in[x][27 - y] for k = 1
                        int sy = y;
                        int sx = x;
                        for (int t = 0; t < k; t++) {
                            int ny = sx;
                            int nx = 27 - sy;
                            sy = ny;
                            sx = nx;
                        }
                        assertEquals(upright[sy * 28 + sx], turned[y * 28 + x], "k=" + k + " pixel " + y + "," + x);
                    }
                }
            }
        }
    }

    @Test
    void theImageSizeIsConfigurable() throws IOException {
        Dataset omniglot = open(OmniglotFixture.write(data, true), 14);
        ImagePool pool = omniglot.pool("test");
        assertArrayEquals(new int[] {1, 14, 14}, pool.exampleShape());
        Episode e = omniglot.episodes("test", new TaskSpec(3, 2, 4), 5).episode(0);
        assertEquals(3 * 2 * 14 * 14, e.support().inputs().length);
    }

    @Test
    void extractedFoldersGiveTheSameImagesAsTheZips(@TempDir Path folders) throws IOException {
        Dataset zipped = open(OmniglotFixture.write(data, true), 0);
        Dataset extracted = open(OmniglotFixture.write(folders, false), 0);
        for (String split : zipped.splits()) {
            ImagePool a = zipped.pool(split);
            ImagePool b = extracted.pool(split);
            assertEquals(a.classCount(), b.classCount());
            float[] x = new float[784];
            float[] y = new float[784];
            for (int c = 0; c < a.classCount(); c++) {
                assertEquals(a.className(c), b.className(c));
                for (int i = 0; i < 20; i++) {
                    a.copyImage(c, i, x, 0);
                    b.copyImage(c, i, y, 0);
                    assertArrayEquals(x, y, split + " " + a.className(c) + " " + i);
                }
            }
        }
        TaskSpec spec = new TaskSpec(5, 1, 3);
        assertEquals(zipped.episodes("train", spec, 9).episode(4), extracted.episodes("train", spec, 9).episode(4));
    }

    @Test
    void theCacheIsReusedAndACorruptOneIsRebuilt() throws IOException {
        Path root = OmniglotFixture.write(data, true);
        ImagePool first = open(root, 0).pool("background");
        List<Path> files = cacheFiles();
        assertEquals(1, files.size(), "one cache file for images_background: " + files);
        Path file = files.get(0);
        assertTrue(file.getFileName().toString().startsWith("omniglot-images_background-28px-"), file.toString());
        // a cache file with the right name but different pixels would be trusted only if unchecked:
        // flip one pixel byte near the end and the checksum must reject it
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 100] ^= 1;
        Files.write(file, bytes);
        ImagePool rebuilt = open(root, 0).pool("background");
        float[] x = new float[784];
        float[] y = new float[784];
        for (int c = 0; c < first.classCount(); c++) {
            for (int i = 0; i < 20; i++) {
                first.copyImage(c, i, x, 0);
                rebuilt.copyImage(c, i, y, 0);
                assertArrayEquals(x, y);
            }
        }
        assertNotEquals(bytes[bytes.length - 100], Files.readAllBytes(file)[bytes.length - 100], "file rewritten");
        // truncated: also rebuilt
        Files.write(file, java.util.Arrays.copyOf(bytes, 50));
        assertEquals(5, open(root, 0).pool("background").classCount());
        assertEquals(bytes.length, Files.size(file));
        assertEquals(List.of(file), cacheFiles(), "no temporary files left");
    }

    @Test
    void anotherImageSizeUsesAnotherCacheFile() throws IOException {
        Path root = OmniglotFixture.write(data, true);
        open(root, 0).pool("evaluation");
        open(root, 20).pool("evaluation");
        List<Path> files = cacheFiles();
        assertEquals(2, files.size(), files.toString());
        assertTrue(files.stream().anyMatch(p -> p.getFileName().toString().contains("-20px-")), files.toString());
    }

    @Test
    void nearestSamplingPicksTheSourcePixelUnderTheCentre() {
        assertEquals(1, ImageDecoding.nearestSource(0, 105, 28));
        assertEquals(5, ImageDecoding.nearestSource(1, 105, 28));
        assertEquals(103, ImageDecoding.nearestSource(27, 105, 28));
        for (int i = 0; i < 28; i++) {
            assertEquals((int) Math.floor((i + 0.5) * 105 / 28), ImageDecoding.nearestSource(i, 105, 28));
        }
        assertEquals(0, ImageDecoding.nearestSource(0, 10, 10));
        assertEquals(9, ImageDecoding.nearestSource(9, 10, 10));
    }

    private List<Path> cacheFiles() throws IOException {
        try (Stream<Path> s = Files.list(cache)) {
            return s.sorted().toList();
        }
    }
}
