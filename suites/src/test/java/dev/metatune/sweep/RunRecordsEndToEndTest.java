package dev.metatune.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.cli.Cli;
import dev.metatune.cli.Main;
import dev.metatune.report.SavedModelList;
import dev.metatune.hpo.Storage;
import dev.metatune.hpo.storage.StorageFactory;
import dev.metatune.run.RunCodec;
import dev.metatune.run.RunRecord;
import dev.metatune.run.TuningStudy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh run through the command line, Omniglot absent so its synthetic fallback runs: the studies
 * are named after the data set used, the run records carry this build's format version and the
 * suite's heat-map choice, and {@code metatune report} rebuilds every file the run wrote byte for byte.
 */
class RunRecordsEndToEndTest {

    private static final String SUITE = """
            name: records-check
            seed: 2
            datasets:
              - name: sinusoid
                settings: [{ways: 1, shots: 5, queries: 5}]
              - name: omniglot
                split: vinyals
                fallback: synthetic
                settings: [{ways: 5, shots: 1, queries: 5}]
            budget: {train_steps: 6, validate_every: 3, validation_episodes: 3}
            trials: 2
            algorithms:
              - name: maml
                datasets: [sinusoid]
                fixed: {meta_batch: 2, inner_steps: 1, test_inner_steps: 1}
                search:
                  inner_lr: {float: [0.001, 0.1], log: true}
                  outer_lr: {float: [1.0e-4, 1.0e-2], log: true}
                plots: {heatmap: [outer_lr, inner_lr]}
              - name: protonet
                datasets: [omniglot]
                fixed: {filters: 8, train_ways: 5, train_shots: 1, train_queries: 5}
                search:
                  lr: {float: [1.0e-4, 1.0e-2], log: true}
            sampler: {name: random}
            pruner: {name: nop}
            test_episodes: 4
            seeds: [1, 2]
            storage: sqlite
            """;

    @TempDir
    Path dir;

    @Test
    void freshRunIsNamedAfterTheDataUsedAndItsReportRebuildsByteForByte() throws Exception {
        Cli.Result made = Cli.runSuite(dir, SUITE);
        assertEquals(0, made.code(), "run failed: " + made.err());
        Path out = dir.resolve("run");

        try (Storage storage = StorageFactory.open("sqlite:" + out.resolve(RunFolder.DATABASE))) {
            RunCodec codec = new RunCodec(storage);
            assertEquals(RunCodec.FORMAT_VERSION, codec.storedFormatVersion());
            RunRecord run = codec.readRun().orElseThrow();
            assertEquals(List.of("maml-sinusoid-1w5s", "protonet-synthetic-5w1s"), run.studies(),
                    "the fallback study is named after synthetic, not omniglot-vinyals");
            TuningStudy maml = codec.readTuningStudy("maml-sinusoid-1w5s").orElseThrow();
            assertEquals(List.of("outer_lr", "inner_lr"), maml.heatmap());
            assertTrue(!maml.maximize(), "mse is minimised");
            TuningStudy protonet = codec.readTuningStudy("protonet-synthetic-5w1s").orElseThrow();
            assertEquals("synthetic", protonet.dataset());
            assertTrue(protonet.notes().endsWith("data set substituted"), protonet.notes());
            assertEquals(2, codec.readEvaluations("protonet-synthetic-5w1s").size(), "one final evaluation per seed");
        }
        assertTrue(Files.isRegularFile(out.resolve("plots/maml-sinusoid-1w5s-heatmap-outer_lr-inner_lr.png")),
                "the heat map the suite names");

        Path copy = dir.resolve("copy");
        Files.createDirectories(copy);
        for (String f : List.of(RunFolder.RUN_FILE, RunFolder.SUITE_COPY, RunFolder.DATABASE)) {
            Files.copy(out.resolve(f), copy.resolve(f));
        }
        // the list of saved models is the run's own record of the model folders it wrote; the report lists it
        if (Files.isRegularFile(out.resolve(SavedModelList.FILE))) {
            Files.copy(out.resolve(SavedModelList.FILE), copy.resolve(SavedModelList.FILE));
        }
        assertEquals(0, Main.execute(new String[] {"report", copy.toString()}, new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter())));
        List<String> files = reportFiles(out);
        assertEquals(files, reportFiles(copy), "the rebuild writes the same files");
        for (String f : files) {
            assertArrayEquals(Files.readAllBytes(out.resolve(f)), Files.readAllBytes(copy.resolve(f)),
                    "report rebuilds " + f + " byte for byte");
        }
    }

    @Test
    void aHeatMapOfAParameterThatIsNotSearchedIsALocatedError() throws Exception {
        Path suite = dir.resolve("bad.yaml");
        Files.writeString(suite, SUITE.replace("plots: {heatmap: [outer_lr, inner_lr]}", "plots: {heatmap: [outer_lr, meta_batch]}"));
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"validate", suite.toString()}, new PrintWriter(new StringWriter()),
                new PrintWriter(err));
        assertEquals(Main.EXIT_BAD_INPUT, code, err.toString());
        assertTrue(err.toString().contains("bad.yaml:19:"), "located at the line of the name: " + err);
        assertTrue(err.toString().contains("meta_batch"), err.toString());
        // negative control: the suite as it is validates
        Files.writeString(suite, SUITE);
        assertEquals(0, Main.execute(new String[] {"validate", suite.toString()}, new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter())));
    }

    private static List<String> reportFiles(Path run) throws Exception {
        List<String> files = new ArrayList<>(List.of("trials.csv", "curves.csv", "comparison.csv", "report.md",
                "provenance.json"));
        try (Stream<Path> plots = Files.list(run.resolve("plots"))) {
            plots.map(p -> "plots/" + p.getFileName()).sorted().forEach(files::add);
        }
        return files;
    }
}
