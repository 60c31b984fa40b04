package dev.metatune.data.miniimagenet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.data.DataException;
import dev.metatune.data.DataOptions;
import dev.metatune.data.Dataset;
import dev.metatune.data.ImageFiles;
import dev.metatune.data.ImagePool;
import dev.metatune.data.SplitInfo;
import dev.metatune.data.cache.ImageCache;
import dev.metatune.task.Episode;
import dev.metatune.task.TaskSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mini-ImageNet in its common layout (images/ plus CSVs), written small by the test. */
class MiniImageNetDatasetTest {

    static final int IMAGES = 6;
    static final int[] CLASSES = {5, 3, 4};
    static final List<String> SPLITS = List.of("train", "val", "test");

    @TempDir
    Path data;

    @TempDir
    Path cache;

    Path dir;

    @BeforeEach
    void write() throws IOException {
        dir = data.resolve("mini-imagenet");
        int global = 0;
        for (int s = 0; s < 3; s++) {
            StringBuilder csv = new StringBuilder("filename,label\n");
            for (int c = 0; c < CLASSES[s]; c++, global++) {
                String label = String.format("n%08d", 1000 + global);
                for (int i = 0; i < IMAGES; i++) {
                    String file = label + String.format("%08d.jpg", i + 1);
                    // most files are 84x84; one per class is larger, to be scaled
                    int side = i == 0 ? 100 : 84;
                    ImageFiles.write(dir.resolve("images").resolve(file), side, side, ImageFiles.colour(global, i), "jpg");
                    csv.append(file).append(',').append(label).append('\n');
                }
            }
            Files.writeString(dir.resolve(SPLITS.get(s) + ".csv"), csv);
        }
    }

    @AfterEach
    void noPartialCacheFile() throws IOException {
        try (Stream<Path> s = Files.list(cache)) {
            List<Path> files = s.toList();
            assertTrue(files.stream().noneMatch(ImageCache::isTemporary), files.toString());
        }
    }

    private Dataset open() {
        return new MiniImageNetProvider().open(new DataOptions(data, cache, 0, false));
    }

    @Test
    void splitsHoldTheirCsvClassesAsRgbImagesInUnitRange() {
        Dataset mini = open();
        int global = 0;
        for (int s = 0; s < 3; s++) {
            SplitInfo info = mini.info(SPLITS.get(s));
            assertTrue(info.available(), info.detail());
            assertEquals(CLASSES[s], info.classes());
            assertEquals(IMAGES, info.imagesPerClass());
            ImagePool pool = mini.pool(SPLITS.get(s));
            assertArrayEquals(new int[] {3, 84, 84}, pool.exampleShape());
            assertEquals(CLASSES[s], pool.classCount());
            float[] image = new float[3 * 84 * 84];
            for (int c = 0; c < pool.classCount(); c++, global++) {
                assertEquals(String.format("n%08d", 1000 + global), pool.className(c));
                for (int i = 0; i < IMAGES; i++) {
                    pool.copyImage(c, i, image, 0);
                    int rgb = ImageFiles.colour(global, i);
                    for (int ch = 0; ch < 3; ch++) {
                        // JPEG's colour conversion may move a solid colour by a few levels
                        double expected = ((rgb >> (16 - 8 * ch)) & 0xff) / 255.0;
                        assertEquals(expected, ImageFiles.channelMean(image, 0, 84, ch), 6 / 255.0,
                                pool.className(c) + " image " + i + " channel " + ch);
                    }
                    for (float v : image) {
                        assertTrue(v >= 0 && v <= 1, "value " + v);
                    }
                }
            }
        }
    }

    @Test
    void theImageSizeIsConfigurable() {
        Dataset mini = new MiniImageNetProvider().open(new DataOptions(data, cache, 32, false));
        Episode e = mini.episodes("train", new TaskSpec(5, 1, 2), 3).episode(0);
        assertArrayEquals(new int[] {3, 32, 32}, e.support().exampleShape());
    }

    @Test
    void theCacheIsReusedAndAChangedImageRebuildsIt() throws IOException {
        float[] before = new float[3 * 84 * 84];
        open().pool("val").copyImage(0, 2, before, 0);
        List<Path> files;
        try (Stream<Path> s = Files.list(cache)) {
            files = s.toList();
        }
        assertEquals(1, files.size(), files.toString());
        long written = Files.getLastModifiedTime(files.get(0)).toMillis();
        float[] again = new float[before.length];
        open().pool("val").copyImage(0, 2, again, 0);
        assertArrayEquals(before, again);
        assertEquals(written, Files.getLastModifiedTime(files.get(0)).toMillis(), "the cache file was read, not rewritten");
        // replace one image with another colour: the cache is stale and must not be used
        Path image = dir.resolve("images").resolve(String.format("n%08d%08d.jpg", 1005, 3));
        ImageFiles.write(image, 84, 84, 0x000000, "jpg");
        Files.setLastModifiedTime(image, java.nio.file.attribute.FileTime.fromMillis(written + 5000));
        float[] changed = new float[before.length];
        open().pool("val").copyImage(0, 2, changed, 0);
        assertEquals(0, ImageFiles.channelMean(changed, 0, 84, 0), 3 / 255.0, "the new, black image");
    }

    @Test
    void aMissingCsvNamesIt() throws IOException {
        Files.delete(dir.resolve("test.csv"));
        DataException e = assertThrows(DataException.class, () -> open().pool("test"));
        assertTrue(e.getMessage().contains(dir.resolve("test.csv").toString()) && e.getMessage().contains("filename,label"),
                e.getMessage());
        assertFalse(open().info("test").available());
    }

    @Test
    void aWrongHeaderNamesTheFileAndTheExpectedOne() throws IOException {
        Files.writeString(dir.resolve("val.csv"), "image,class\na.jpg,n1\n");
        DataException e = assertThrows(DataException.class, () -> open().pool("val"));
        assertTrue(e.getMessage().contains("val.csv") && e.getMessage().contains("image,class")
                && e.getMessage().contains("expected filename,label"), e.getMessage());
    }

    @Test
    void aCsvNamingAMissingImageNamesTheImage() throws IOException {
        Files.writeString(dir.resolve("val.csv"), "ghost.jpg,n00000001\n", java.nio.file.StandardOpenOption.APPEND);
        DataException e = assertThrows(DataException.class, () -> open().pool("val"));
        assertTrue(e.getMessage().contains("ghost.jpg") && e.getMessage().contains("does not exist"), e.getMessage());
        assertCacheEmpty();
    }

    @Test
    void aCorruptImageNamesTheFile() throws IOException {
        Path image = dir.resolve("images").resolve(String.format("n%08d%08d.jpg", 1008, 4));
        Files.write(image, new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2, 3});
        DataException e = assertThrows(DataException.class, () -> open().pool("test"));
        assertTrue(e.getMessage().contains(image.toString()) && e.getMessage().contains("PNG or JPEG"), e.getMessage());
        assertCacheEmpty();
    }

    @Test
    void moreWaysThanClassesAndTooManyExamplesPerClassAreRefused() {
        DataException ways = assertThrows(DataException.class, () -> open().episodes("val", new TaskSpec(5, 1, 1), 0));
        assertTrue(ways.getMessage().contains("mini-imagenet/val") && ways.getMessage().contains("only 3 classes"),
                ways.getMessage());
        DataException shots = assertThrows(DataException.class, () -> open().episodes("train", new TaskSpec(2, 5, 2), 0));
        assertTrue(shots.getMessage().contains("5 + 2 = 7") && shots.getMessage().contains("only 6"), shots.getMessage());
    }

    private void assertCacheEmpty() throws IOException {
        try (Stream<Path> s = Files.list(cache)) {
            assertEquals(List.of(), s.toList());
        }
    }
}
