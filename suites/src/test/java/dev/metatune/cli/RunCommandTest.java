package dev.metatune.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.learner.AlgorithmProvider;
import dev.metatune.learner.HyperparameterSpec;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.MetaLearner;
import dev.metatune.plugin.Registry;
import dev.metatune.task.TaskKind;
import dev.metatune.task.TaskSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code metatune run} on bad input: exit 2 with the located message before anything runs, and no
 * run folder (nor any file) left behind; a run whose studies complete no trial: exit 1 with a summary
 * line, report written; an internal {@link IllegalArgumentException}: exit 1 with its message.
 */
class RunCommandTest {

    private static final String SUITE = """
            name: check
            seed: 3
            datasets:
              - name: synthetic
                settings: [SETTING]
            budget: {train_steps: 4, validate_every: 2, validation_episodes: 2, final_train_steps: 2}
            trials: 2
            algorithms:
              - name: protonet
                ENTRY
            test_episodes: 4
            seeds: [1]
            STORAGE
            """;

    private static final String SMALL = "{ways: 5, shots: 1, queries: 5}";
    private static final String FINE = "fixed: {filters: 8, train_ways: 5, train_shots: 1, train_queries: 5}\n"
            + "    search: {lr: {float: [1.0e-4, 1.0e-2], log: true}}";

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private Path suite(String setting, String entry, String storage) throws IOException {
        Path file = dir.resolve("suite.yaml");
        Files.writeString(file, SUITE.replace("SETTING", setting).replace("ENTRY", entry).replace("STORAGE", storage));
        return file;
    }

    private Result run(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(cli, args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private Result run(Path suite, Path out) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.execute(new String[] {"run", suite.toString(), "--out", out.toString(), "--data-dir", dir.toString(),
            "--cache-dir", dir.resolve("cache").toString()}, new PrintWriter(o, true), new PrintWriter(e, true));
        return new Result(code, o.toString(), e.toString());
    }

    private static void assertBadInput(Result r, String fragment) {
        assertEquals(Main.EXIT_BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().startsWith("metatune run: "), r.err());
        assertTrue(r.err().contains(fragment), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void aFixedValueOutsideItsDomainIsExitTwoBeforeAnythingRuns() throws IOException {
        Path out = dir.resolve("run");
        Result r = run(suite(SMALL, "fixed: {filters: 8, lr: -1.0}", ""), out);
        assertBadInput(r, "suite.yaml:10:29: field 'algorithms[0].fixed.lr': value '-1.0' (a float) is outside the domain"
                + " of 'lr'; allowed: a number > 0");
        assertFalse(Files.exists(out), "no run folder");
    }

    @Test
    void moreWaysThanASplitHasClassesIsExitTwoInRunAndValidate() throws IOException {
        Path file = suite("{ways: 3000, shots: 1, queries: 5}", FINE, "");
        Path out = dir.resolve("run");
        assertBadInput(run(file, out), "study 'protonet-synthetic-3000w1s', setting 3000-way 1-shot 5-query: 3000 ways"
                + " requested but synthetic/val has only");
        assertTrue(run(file, out).err().startsWith("metatune run: " + file + ": "));
        assertFalse(Files.exists(out), "no run folder");
        Result v = run(new CommandLine(new Main()), "validate", file.toString(), "--data-dir", dir.toString());
        assertEquals(Main.EXIT_BAD_INPUT, v.code(), v.err());
        assertTrue(v.err().contains("3000 ways requested but synthetic/val has only"), v.err());
        assertEquals("", v.out());
    }

    @Test
    void moreShotsAndQueriesThanAClassHasImagesIsExitTwo() throws IOException {
        Path out = dir.resolve("run");
        assertBadInput(run(suite("{ways: 5, shots: 1, queries: 500}", FINE, ""), out),
                "shots + queries = 1 + 500 = 501 images per class requested but a class of synthetic/val has only");
        assertFalse(Files.exists(out));
    }

    @Test
    void theTrainingEpisodesAnAlgorithmAsksForAreCheckedAgainstTheTrainSplit() throws IOException {
        Path out = dir.resolve("run");
        assertBadInput(run(suite(SMALL, "fixed: {filters: 8, train_ways: 3000}", ""), out),
                "training episodes of 'protonet' (3000-way 5-shot 5-query): 3000 ways requested but synthetic/train has only");
        String enqueued = "fixed: {filters: 8}\n    search: {train_ways: {int: [5, 3000]}}\n    enqueue: [{train_ways: 2000}]";
        assertBadInput(run(suite(SMALL, enqueued, ""), out), "with enqueued {train_ways=2000}: 2000 ways requested");
        assertFalse(Files.exists(out));
        // negative control: the same entries load when the train split is large enough (validate checks the same)
        Result v = run(new CommandLine(new Main()), "validate", suite(SMALL, FINE, "").toString(), "--data-dir", dir.toString());
        assertEquals(0, v.code(), v.err());
    }

    @Test
    void aStorageThatIsNotADatabaseIsExitTwoAndLeavesNoRunFolderAndTheFileUntouched() throws IOException {
        Path notADatabase = dir.resolve("notes.txt");
        byte[] text = "these are my notes, not a database\n".repeat(200).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Files.write(notADatabase, text);
        Path out = dir.resolve("results").resolve("run");
        Path file = suite(SMALL, FINE, "storage: sqlite:" + notADatabase);
        Result r = run(file, out);
        assertBadInput(r, file + ": field 'storage': storage 'jdbc:sqlite:" + notADatabase + "' cannot be opened: ");
        assertTrue(r.err().contains("not a database"), r.err());
        assertFalse(Files.exists(dir.resolve("results")), "no run folder, nor the parent it made");
        assertArrayEquals(text, Files.readAllBytes(notADatabase), "the file named as storage is untouched");
    }

    @Test
    void aBadStorageInAnExistingFolderRemovesOnlyWhatTheRunMade() throws IOException {
        Path out = dir.resolve("mine");
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "mine");
        Path notADatabase = dir.resolve("x.db");
        Files.writeString(notADatabase, "not sqlite at all, just text that is long enough to have a header".repeat(10));
        Result r = run(suite(SMALL, FINE, "storage: " + notADatabase), out);
        assertBadInput(r, "cannot be opened");
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of(out.resolve("keep.txt")), files.toList());
        }
        assertEquals("mine", Files.readString(out.resolve("keep.txt")));
    }

    /** Protonet as registered, except that {@code create} or {@code trainingSpec} throws an internal error. */
    private static Registry<AlgorithmProvider> broken(boolean inCreate) {
        AlgorithmProvider real = AlgorithmProvider.registry().get("protonet");
        AlgorithmProvider broken = new AlgorithmProvider() {
            @Override
            public String name() {
                return real.name();
            }

            @Override
            public String description() {
                return real.description();
            }

            @Override
            public Set<TaskKind> supportedKinds() {
                return real.supportedKinds();
            }

            @Override
            public List<HyperparameterSpec> hyperparameters() {
                return real.hyperparameters();
            }

            @Override
            public Hyperparameters defaults(TaskKind kind) {
                return real.defaults(kind);
            }

            @Override
            public TaskSpec trainingSpec(Hyperparameters hyperparameters, TaskSpec testSpec) {
                if (!inCreate) {
                    throw new IllegalArgumentException("internal: episode shape table has no row for " + testSpec);
                }
                return real.trainingSpec(hyperparameters, testSpec);
            }

            @Override
            public MetaLearner create(Hyperparameters hyperparameters, LearnerContext context) {
                throw new IllegalArgumentException("weights exploded at step 0");
            }
        };
        List<AlgorithmProvider> all = new ArrayList<>(AlgorithmProvider.registry().all());
        all.removeIf(p -> p.name().equals("protonet"));
        all.add(broken);
        return new Registry<>("algorithm", all);
    }

    @Test
    void aRunWhoseEveryTrialFailsExitsOneWithASummaryAndWritesTheReport() throws IOException {
        Path file = suite(SMALL, FINE, "");
        Path out = dir.resolve("run");
        Result r = run(new CommandLine(new RunCommand(broken(true))), file.toString(), "--out", out.toString(),
                "--data-dir", dir.toString(), "--cache-dir", dir.resolve("cache").toString());
        assertEquals(Main.EXIT_FAILURE, r.code(), r.err());
        assertEquals("metatune run: 1 of 1 study completed no trial: protonet-synthetic-5w1s (trial 0:"
                + " java.lang.IllegalArgumentException: weights exploded at step 0)", r.err().strip());
        assertTrue(Files.isRegularFile(out.resolve("report.md")), "the report is still written");
        assertTrue(Files.isRegularFile(out.resolve("comparison.csv")));
    }

    @Test
    void anInternalIllegalArgumentExceptionIsExitOneWithItsMessageAndNoStackTrace() throws IOException {
        Path out = dir.resolve("run");
        Result r = run(new CommandLine(new RunCommand(broken(false))), suite(SMALL, FINE, "").toString(),
                "--out", out.toString(), "--data-dir", dir.toString());
        assertEquals(Main.EXIT_FAILURE, r.code(), r.err());
        assertEquals("metatune run: internal: episode shape table has no row for 5-way 1-shot 5-query", r.err().strip());
        assertFalse(Files.exists(out), "it failed before anything was written");
    }
}
