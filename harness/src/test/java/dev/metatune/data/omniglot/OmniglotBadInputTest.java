package dev.metatune.data.omniglot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.data.DataException;
import dev.metatune.data.DataOptions;
import dev.metatune.data.Dataset;
import dev.metatune.data.SplitInfo;
import dev.metatune.task.TaskSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each kind of bad input gives one {@link DataException} naming the file or value and what was expected,
 * and leaves the cache folder without any partial file.
 */
class OmniglotBadInputTest {

    @TempDir
    Path data;

    @TempDir
    Path cache;

    private Dataset open() {
        return new OmniglotProvider().open(new DataOptions(data, cache, 0, false));
    }

    @AfterEach
    void cacheHoldsNoPartialFile() throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            List<Path> all = files.toList();
            assertTrue(all.stream().allMatch(p -> p.getFileName().toString().endsWith(".bin")), "cache: " + all);
        }
    }

    private void assertCacheEmpty() throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void aMissingDataFolderNamesIt() throws IOException {
        Dataset omniglot = open();
        DataException e = assertThrows(DataException.class, () -> omniglot.pool("train"));
        assertTrue(e.getMessage().contains(data.resolve("omniglot").resolve("images_background.zip").toString()),
                e.getMessage());
        SplitInfo info = omniglot.info("train");
        assertFalse(info.available());
        assertTrue(info.detail().contains(data.resolve("omniglot").toString()), info.detail());
        assertCacheEmpty();
    }

    @Test
    void aMissingArchiveNamesIt() throws IOException {
        OmniglotFixture.write(data, true);
        Path evaluation = data.resolve("omniglot").resolve("images_evaluation.zip");
        Files.delete(evaluation);
        DataException e = assertThrows(DataException.class, () -> open().pool("test"));
        assertTrue(e.getMessage().contains(evaluation.toString()) && e.getMessage().contains("missing"), e.getMessage());
        assertFalse(open().info("test").available());
    }

    @Test
    void aMissingSplitFileNamesIt() throws IOException {
        OmniglotFixture.write(data, true);
        Path val = data.resolve("omniglot").resolve("splits").resolve("vinyals").resolve("val.txt");
        Files.delete(val);
        DataException e = assertThrows(DataException.class, () -> open().pool("val"));
        assertTrue(e.getMessage().contains(val.toString()), e.getMessage());
        assertTrue(open().info("train").available(), "the other splits are still there");
    }

    @Test
    void aCorruptZipNamesIt() throws IOException {
        OmniglotFixture.write(data, true);
        Path background = data.resolve("omniglot").resolve("images_background.zip");
        byte[] bytes = Files.readAllBytes(background);
        Files.write(background, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        DataException e = assertThrows(DataException.class, () -> open().pool("background"));
        assertTrue(e.getMessage().contains(background.toString()) && e.getMessage().contains("zip"), e.getMessage());
        assertCacheEmpty();
    }

    @Test
    void aCorruptImageInsideTheZipNamesTheMember() throws IOException {
        OmniglotFixture.write(data, true);
        Path background = data.resolve("omniglot").resolve("images_background.zip");
        Map<String, byte[]> members = new java.util.LinkedHashMap<>(
                OmniglotFixture.members("images_background", OmniglotFixture.BACKGROUND));
        String broken = "images_background/Beta/character01/0004_07.png";
        assertTrue(members.containsKey(broken));
        members.put(broken, "not a png".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Files.write(background, OmniglotFixture.zip(members));
        DataException e = assertThrows(DataException.class, () -> open().pool("background"));
        assertTrue(e.getMessage().contains(broken), e.getMessage());
        assertCacheEmpty();
    }

    @Test
    void aWrongLayoutNamesTheMemberAndTheExpectedLayout() throws IOException {
        OmniglotFixture.write(data, true);
        Path background = data.resolve("omniglot").resolve("images_background.zip");
        Files.write(background, OmniglotFixture.zip(Map.of("Alpha/0001_01.png",
                OmniglotFixture.png(OmniglotFixture.drawing(1)))));
        DataException e = assertThrows(DataException.class, () -> open().pool("background"));
        assertTrue(e.getMessage().contains(background.toString()) && e.getMessage().contains("Alpha/0001_01.png")
                && e.getMessage().contains("characterNN"), e.getMessage());
        assertCacheEmpty();
    }

    @Test
    void aSplitLineNamingAnUnknownClassNamesFileLineAndClass() throws IOException {
        OmniglotFixture.write(data, true);
        Path train = data.resolve("omniglot").resolve("splits").resolve("vinyals").resolve("train.txt");
        Files.writeString(train, "Alpha/character01/rot000\nKlingon/character07/rot090\n");
        DataException e = assertThrows(DataException.class, () -> open().pool("train"));
        assertTrue(e.getMessage().contains(train.toString()) && e.getMessage().contains("line 2")
                && e.getMessage().contains("Klingon/character07"), e.getMessage());
        assertFalse(open().info("train").available());
        assertCacheEmpty();
    }

    @Test
    void aMalformedSplitLineNamesItAndTheExpectedForm() throws IOException {
        OmniglotFixture.write(data, true);
        Path test = data.resolve("omniglot").resolve("splits").resolve("vinyals").resolve("test.txt");
        Files.writeString(test, "Beta/character02/rot045\n");
        DataException e = assertThrows(DataException.class, () -> open().pool("test"));
        assertTrue(e.getMessage().contains(test.toString()) && e.getMessage().contains("rot045")
                && e.getMessage().contains("rotDDD"), e.getMessage());
    }

    @Test
    void moreWaysThanClassesNamesBoth() throws IOException {
        OmniglotFixture.write(data, true);
        DataException e = assertThrows(DataException.class,
                () -> open().episodes("val", new TaskSpec(5, 1, 1), 0));
        assertTrue(e.getMessage().contains("omniglot/val") && e.getMessage().contains("5 ways")
                && e.getMessage().contains("only 4 classes"), e.getMessage());
    }

    @Test
    void shotsPlusQueriesAboveTheImagesPerClassNamesThem() throws IOException {
        OmniglotFixture.write(data, true);
        DataException e = assertThrows(DataException.class,
                () -> open().episodes("train", new TaskSpec(5, 5, 16), 0));
        assertTrue(e.getMessage().contains("5 + 16 = 21") && e.getMessage().contains("only 20"), e.getMessage());
    }

    @Test
    void anUnknownSplitListsTheKnownOnes() {
        DataException e = assertThrows(DataException.class, () -> open().pool("validation"));
        assertTrue(e.getMessage().contains("'validation'") && e.getMessage().contains("trainval"), e.getMessage());
    }
}
