package dev.metatune.data.cifarfs;

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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CIFAR-FS over the CIFAR-100 binary version and over the data/<class>/*.png layout, written by the test. */
class CifarFsDatasetTest {

    @TempDir
    Path data;

    @TempDir
    Path cache;

    /** The shipped class list of one split. */
    private static List<String> shipped(String split) throws IOException {
        try (InputStream in = CifarFsDataset.class.getResourceAsStream("bertinetto/" + split + ".txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }

    /**
     * Writes cifar-100-binary/ with the 100 fine label names in reverse alphabetical order (so label order
     * differs from any split list), 3 records a class in train.bin and 2 in test.bin. Record pixels: red =
     * label, green = 40 + image number within the class, blue = 7 in one half of the image and 200 in the other.
     */
    private List<String> writeBinary() throws IOException {
        Set<String> all = new HashSet<>();
        for (String s : List.of("train", "val", "test")) {
            all.addAll(shipped(s));
        }
        List<String> names = new ArrayList<>(all);
        names.sort(java.util.Comparator.reverseOrder());
        Path dir = data.resolve("cifar-fs").resolve("cifar-100-binary");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("fine_label_names.txt"), String.join("\n", names) + "\n");
        int[] seen = new int[names.size()];
        for (String file : List.of("train.bin", "test.bin")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int k = 0; k < (file.equals("train.bin") ? 3 : 2); k++) {
                for (int label = 0; label < names.size(); label++) {
                    out.write(label / 5);
                    out.write(label);
                    for (int p = 0; p < 1024; p++) {
                        out.write(label);
                    }
                    for (int p = 0; p < 1024; p++) {
                        out.write(40 + seen[label]);
                    }
                    for (int p = 0; p < 1024; p++) {
                        out.write(p < 512 ? 7 : 200);
                    }
                    seen[label]++;
                }
            }
            Files.write(dir.resolve(file), out.toByteArray());
        }
        return names;
    }

    private Dataset open(int size) {
        return new CifarFsProvider().open(new DataOptions(data, cache, size, false));
    }

    @Test
    void theShippedSplitsAreBertinettosDisjoint64_16_20() throws IOException {
        List<String> train = shipped("train");
        List<String> val = shipped("val");
        List<String> test = shipped("test");
        assertEquals(64, train.size());
        assertEquals(16, val.size());
        assertEquals(20, test.size());
        Set<String> all = new HashSet<>(train);
        all.addAll(val);
        all.addAll(test);
        assertEquals(100, all.size(), "disjoint and covering CIFAR-100");
        assertTrue(test.contains("whale") && val.contains("otter") && train.contains("dolphin"));
    }

    @Test
    void theBinaryVersionGivesEachSplitsClassesWithTheirImages() throws IOException {
        List<String> names = writeBinary();
        Dataset cifar = open(0);
        int[] expected = {64, 16, 20};
        for (int s = 0; s < 3; s++) {
            String split = cifar.splits().get(s);
            SplitInfo info = cifar.info(split);
            assertTrue(info.available(), info.detail());
            assertEquals(expected[s], info.classes());
            assertEquals(5, info.imagesPerClass());
        }
        ImagePool test = cifar.pool("test");
        assertArrayEquals(new int[] {3, 32, 32}, test.exampleShape());
        assertEquals(shipped("test"), java.util.stream.IntStream.range(0, 20).mapToObj(test::className).toList());
        float[] image = new float[3 * 32 * 32];
        for (int c = 0; c < test.classCount(); c++) {
            int label = names.indexOf(test.className(c));
            for (int i = 0; i < 5; i++) {
                test.copyImage(c, i, image, 0);
                assertEquals(label / 255f, image[0], 1e-7, "red is the label");
                assertEquals((40 + i) / 255f, image[1024 + 33], 1e-7, "green is the image number, train.bin first");
                assertEquals(7 / 255f, image[2048 + 10], 1e-7);
                assertEquals(200 / 255f, image[2048 + 1000], 1e-7);
            }
        }
        assertEquals(16, open(16).episodes("val", new TaskSpec(16, 2, 3), 1).episode(0).support().exampleShape()[1]);
    }

    @Test
    void aSplitFileNamingAnUnknownClassNamesFileLineAndClass() throws IOException {
        writeBinary();
        Path file = data.resolve("cifar-fs").resolve("splits").resolve("bertinetto").resolve("val.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "otter\nbeaver\nunicorn\n");
        DataException e = assertThrows(DataException.class, () -> open(0).pool("val"));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("line 3")
                && e.getMessage().contains("'unicorn'"), e.getMessage());
        assertFalse(open(0).info("val").available());
        assertEquals(64, open(0).pool("train").classCount(), "other splits keep the shipped lists");
    }

    @Test
    void aTruncatedBinaryFileNamesItAndTheRecordSize() throws IOException {
        writeBinary();
        Path test = data.resolve("cifar-fs").resolve("cifar-100-binary").resolve("test.bin");
        byte[] bytes = Files.readAllBytes(test);
        Files.write(test, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        DataException e = assertThrows(DataException.class, () -> open(0).pool("train"));
        assertTrue(e.getMessage().contains(test.toString()) && e.getMessage().contains("3074"), e.getMessage());
    }

    @Test
    void aMissingDataSetNamesTheExpectedLayouts() {
        DataException e = assertThrows(DataException.class, () -> open(0).pool("test"));
        assertTrue(e.getMessage().contains(data.resolve("cifar-fs").toString()), e.getMessage());
        assertFalse(open(0).info("test").available());
    }

    @Test
    void theFolderLayoutWithItsOwnSplitFilesWorks() throws IOException {
        Path dir = data.resolve("cifar-fs");
        Path splits = dir.resolve("splits").resolve("bertinetto");
        Files.createDirectories(splits);
        Files.writeString(splits.resolve("train.txt"), "apple\nbus\ncloud\n");
        Files.writeString(splits.resolve("val.txt"), "otter\nsea\n");
        Files.writeString(splits.resolve("test.txt"), "whale\nrose\n");
        List<String> classes = List.of("apple", "bus", "cloud", "otter", "sea", "whale", "rose");
        for (int c = 0; c < classes.size(); c++) {
            for (int i = 0; i < 4; i++) {
                ImageFiles.write(dir.resolve("data").resolve(classes.get(c)).resolve(classes.get(c) + "_" + i + ".png"),
                        32, 32, ImageFiles.colour(c, i), "png");
            }
        }
        Dataset cifar = open(0);
        assertEquals(3, cifar.info("train").classes());
        assertEquals(4, cifar.info("train").imagesPerClass());
        ImagePool val = cifar.pool("val");
        assertEquals("sea", val.className(1));
        float[] image = new float[3 * 32 * 32];
        val.copyImage(1, 2, image, 0);
        assertEquals(((ImageFiles.colour(4, 2) >> 16) & 0xff) / 255.0, ImageFiles.channelMean(image, 0, 32, 0), 1e-6);
        Files.writeString(splits.resolve("test.txt"), "whale\ngriffin\n");
        DataException e = assertThrows(DataException.class, () -> open(0).pool("test"));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("'griffin'")
                && e.getMessage().contains(splits.resolve("test.txt").toString()), e.getMessage());
    }
}
