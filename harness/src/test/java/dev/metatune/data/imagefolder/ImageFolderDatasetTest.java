package dev.metatune.data.imagefolder;

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
import dev.metatune.task.TaskSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** image-folder/<split>/<class>/*.{png,jpg}, written small by the test. */
class ImageFolderDatasetTest {

    @TempDir
    Path data;

    @TempDir
    Path cache;

    Path dir;

    @BeforeEach
    void write() throws IOException {
        dir = data.resolve("image-folder");
        // train: 4 classes (PNG), 5 images each, 40x40; val: 2 classes (JPEG), 4 images each; no test split
        for (int c = 0; c < 4; c++) {
            for (int i = 0; i < 5; i++) {
                ImageFiles.write(dir.resolve("train").resolve("class-" + c).resolve("img" + i + ".png"), 40, 40,
                        ImageFiles.colour(c, i), "png");
            }
        }
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < 4; i++) {
                ImageFiles.write(dir.resolve("val").resolve("v" + c).resolve("img" + i + ".jpg"), 84, 84,
                        ImageFiles.colour(10 + c, i), "jpg");
            }
        }
        Files.writeString(dir.resolve("train").resolve("class-0").resolve("notes.txt"), "ignored");
    }

    private Dataset open(int size) {
        return new ImageFolderProvider().open(new DataOptions(data, cache, size, false));
    }

    @Test
    void classesAreTheFoldersAndImagesAreScaledRgb() {
        Dataset folders = open(0);
        SplitInfo info = folders.info("train");
        assertTrue(info.available(), info.detail());
        assertEquals(4, info.classes());
        assertEquals(5, info.imagesPerClass());
        ImagePool pool = folders.pool("train");
        assertArrayEquals(new int[] {3, 84, 84}, pool.exampleShape());
        float[] image = new float[3 * 84 * 84];
        for (int c = 0; c < 4; c++) {
            assertEquals("class-" + c, pool.className(c));
            assertEquals(5, pool.imagesPerClass(c));
            for (int i = 0; i < 5; i++) {
                pool.copyImage(c, i, image, 0);
                int rgb = ImageFiles.colour(c, i);
                for (int ch = 0; ch < 3; ch++) {
                    // PNG is lossless and the colour is solid: exact after scaling
                    assertEquals(((rgb >> (16 - 8 * ch)) & 0xff) / 255.0, ImageFiles.channelMean(image, 0, 84, ch), 1e-6);
                }
            }
        }
        assertEquals(2, folders.pool("val").classCount());
    }

    @Test
    void aMissingSplitFolderIsUnavailableAndNamed() {
        SplitInfo info = open(0).info("test");
        assertFalse(info.available());
        assertTrue(info.detail().contains(dir.resolve("test").toString()), info.detail());
        DataException e = assertThrows(DataException.class, () -> open(0).pool("test"));
        assertTrue(e.getMessage().contains(dir.resolve("test").toString()), e.getMessage());
    }

    @Test
    void anImageOutsideAClassFolderIsAWrongLayout() throws IOException {
        ImageFiles.write(dir.resolve("val").resolve("loose.png"), 8, 8, 0, "png");
        DataException e = assertThrows(DataException.class, () -> open(0).pool("val"));
        assertTrue(e.getMessage().contains("loose.png") && e.getMessage().contains("<class>"), e.getMessage());
    }

    @Test
    void anEmptyClassFolderIsNamed() throws IOException {
        Files.createDirectories(dir.resolve("val").resolve("empty-class"));
        DataException e = assertThrows(DataException.class, () -> open(0).pool("val"));
        assertTrue(e.getMessage().contains("empty-class") && e.getMessage().contains("no .png or .jpg"), e.getMessage());
        assertNoCacheFiles();
    }

    @Test
    void episodeShapesAreCheckedAgainstTheSplit() {
        DataException ways = assertThrows(DataException.class, () -> open(16).episodes("val", new TaskSpec(3, 1, 1), 0));
        assertTrue(ways.getMessage().contains("3 ways") && ways.getMessage().contains("only 2"), ways.getMessage());
        DataException shots = assertThrows(DataException.class, () -> open(16).episodes("val", new TaskSpec(2, 2, 3), 0));
        assertTrue(shots.getMessage().contains("2 + 3 = 5") && shots.getMessage().contains("only 4"), shots.getMessage());
        assertEquals(2 * 2 * 3 * 16 * 16, open(16).episodes("val", new TaskSpec(2, 2, 2), 0).episode(0).support()
                .inputs().length);
    }

    private void assertNoCacheFiles() throws IOException {
        try (Stream<Path> s = Files.list(cache)) {
            assertEquals(List.of(), s.toList());
        }
    }
}
