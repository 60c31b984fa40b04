package dev.metatune.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.metatune.hpo.Storage;
import dev.metatune.hpo.storage.StorageFactory;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run folder written by the previous version (test resource {@code run-v0}, made at commit
 * c77e2ba, before run records had a format version) still loads, and {@code metatune report}
 * rebuilds every one of its report files byte for byte. The CSVs and {@code report.md} are those the
 * previous version wrote; the figures (PNG and SVG) and {@code report.html} are this version's.
 */
class RunFolderFixtureTest {

    /** The report files of the fixture, relative to its folder. */
    static final List<String> TEXT_FILES = List.of("trials.csv", "curves.csv", "comparison.csv", "comparison.tex", "report.md",
            "report.html", "provenance.json");

    @TempDir
    Path dir;

    @Test
    void previousVersionsRunFolderRebuildsByteForByte() throws Exception {
        Path fixture = fixture();
        Path copy = dir.resolve("run");
        Files.createDirectories(copy);
        Files.copy(fixture.resolve("studies.db"), copy.resolve("studies.db"));
        try (Storage storage = StorageFactory.open("sqlite:" + copy.resolve("studies.db"))) {
            RunReport.write(storage, copy);
        }
        List<String> expected = reportFiles(fixture);
        assertFalse(expected.isEmpty());
        assertEquals(expected, reportFiles(copy), "the same report files, plots included");
        for (String file : expected) {
            assertArrayEquals(Files.readAllBytes(fixture.resolve(file)), Files.readAllBytes(copy.resolve(file)),
                    "rebuilt " + file + " byte for byte");
        }
    }

    /** The fixture folder on the test class path. */
    static Path fixture() throws URISyntaxException {
        return Path.of(RunFolderFixtureTest.class.getResource("/run-v0/studies.db").toURI()).getParent();
    }

    /** The report files of a run folder: the text files and every plot, sorted. */
    static List<String> reportFiles(Path run) throws IOException {
        List<String> files = new ArrayList<>();
        for (String f : TEXT_FILES) {
            if (Files.isRegularFile(run.resolve(f))) {
                files.add(f);
            }
        }
        try (Stream<Path> plots = Files.list(run.resolve("plots"))) {
            plots.map(p -> "plots/" + p.getFileName()).sorted().forEach(files::add);
        }
        return files;
    }

}
