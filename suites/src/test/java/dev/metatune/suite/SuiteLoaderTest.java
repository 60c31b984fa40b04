package dev.metatune.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.cli.SuiteCatalogs;
import dev.metatune.space.Distribution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteLoaderTest {

    private static final String MINIMAL = """
            name: tiny
            datasets: [{name: omniglot}]
            settings: [{ways: 5, shots: 1}]
            algorithms: [{name: protonet}]
            """;

    private static final String FULL = """
            # the issue's sketch, refined
            name: quickstart
            description: a test suite
            seed: 7
            datasets:
              - {name: omniglot, split: vinyals, image_size: 28, fallback: synthetic}
              - name: sinusoid
                settings: [{ways: 1, shots: 10, queries: 10}]
            settings: [{ways: 5, shots: 1, queries: 15}, {ways: 5, shots: 5}]
            budget: {train_steps: 500, validate_every: 50, validation_episodes: 40, study_timeout: 1h30m}
            trials: 8
            algorithms:
              - name: maml
                fixed: {meta_batch: 4, test_inner_steps: 3, transductive_bn: false}
                search:
                  inner_lr: {float: [0.01, 1.0], log: true}
                  inner_steps: {int: [1, 5]}
                  outer_lr: {float: [1.0e-4, 1.0e-2], log: true}
                  filters: {choice: [32, 64]}
                enqueue:
                  - {inner_lr: 0.4, inner_steps: 1, outer_lr: 1.0e-3, filters: 64}
                budget: {train_steps: 1000}
              - name: protonet
                datasets: [omniglot]
              - name: maml
                label: maml-small-steps
                datasets: [omniglot]
                search:
                  inner_lr: {float: [0.1, 0.5], step: 0.1}
                  inner_steps: {int: [1, 9], step: 2}
            sampler: {name: tpe, seed: 3, options: {n_startup_trials: 4}}
            pruner: {name: median}
            test_episodes: 600
            test_queries: 15
            seeds: [1, 2, 3]
            storage: jdbc:postgresql://db.example/metatune
            device: gpu1
            """;

    private static Suite parse(String text) {
        return new SuiteLoader(SuiteCatalogs.fromRegistries()).parse(text, "test.yaml");
    }

    private static SuiteException failure(String text) {
        return assertThrows(SuiteException.class, () -> parse(text));
    }

    @Test
    void readsEveryKeyOfAFullSuite() {
        Suite s = parse(FULL);
        assertEquals("quickstart", s.name());
        assertEquals(7, s.seed());
        DatasetEntry omniglot = s.datasets().get(0);
        assertEquals(new DatasetEntry("omniglot", "vinyals", 28, false, Optional.of("synthetic"),
                List.of(new Setting(5, 1, 15), new Setting(5, 5, 15))), omniglot);
        assertEquals(List.of(new Setting(1, 10, 10)), s.datasets().get(1).settings());
        AlgorithmEntry maml = s.algorithms().get(0);
        assertEquals(Map.of("meta_batch", 4L, "test_inner_steps", 3L, "transductive_bn", false), maml.fixed());
        assertEquals(List.of("inner_lr", "inner_steps", "outer_lr", "filters"), List.copyOf(maml.search().keySet()));
        assertEquals(Distribution.FloatRange.logScale(0.01, 1.0), maml.search().get("inner_lr"));
        assertEquals(Distribution.IntRange.of(1, 5), maml.search().get("inner_steps"));
        assertEquals(new Distribution.Categorical(List.of(32L, 64L)), maml.search().get("filters"));
        assertEquals(8, maml.trials());
        assertEquals(new Budget(1000, 50, 40, 1000, Duration.ofMinutes(90)), maml.budget());
        assertEquals(new Budget(500, 50, 40, 500, Duration.ofMinutes(90)), s.budget());
        AlgorithmEntry protonet = s.algorithms().get(1);
        assertEquals(1, protonet.trials(), "nothing searched: one trial");
        AlgorithmEntry steps = s.algorithms().get(2);
        assertEquals("maml-small-steps", steps.label());
        assertEquals(new Distribution.FloatRange(0.1, 0.5, false, 0.1), steps.search().get("inner_lr"));
        assertEquals(new Distribution.IntRange(1, 9, 2, false), steps.search().get("inner_steps"));
        assertEquals(new SamplerSpec("tpe", 3, Map.of("n_startup_trials", 4L)), s.sampler());
        assertEquals(new PrunerSpec("median", Map.of()), s.pruner());
        assertEquals(List.of(1L, 2L, 3L), s.seeds());
        assertEquals(new StorageSpec.Jdbc("jdbc:postgresql://db.example/metatune"), s.storage());
        assertEquals("gpu1", s.device());
        // maml on 3 settings, protonet and maml-small-steps on omniglot's 2
        assertEquals(3 + 2 + 2, s.studies().size());
        assertEquals("maml-omniglot-vinyals-5w1s", s.studies().get(0).studyName());
        assertEquals("maml-sinusoid-1w10s", s.studies().get(2).studyName());
    }

    @Test
    void fillsDefaultsForEverythingOptional() {
        Suite s = parse(MINIMAL);
        assertEquals(1, s.seed());
        assertEquals("", s.description());
        assertEquals(new DatasetEntry("omniglot", "", 0, false, Optional.empty(), List.of(new Setting(5, 1, 15))),
                s.datasets().get(0));
        assertEquals(new SamplerSpec("tpe", 1, Map.of()), s.sampler());
        assertEquals(new PrunerSpec("median", Map.of()), s.pruner());
        assertEquals(Suite.DEFAULT_TRIALS, s.trials());
        assertEquals(Budget.DEFAULT, s.budget());
        assertEquals(600, s.testEpisodes());
        assertEquals(15, s.testQueries(new Setting(5, 1, 15)));
        assertEquals(List.of(1L), s.seeds());
        assertEquals(new StorageSpec.RunFolder(), s.storage());
        assertEquals("cpu", s.device());
    }

    @Test
    void samplerAndPrunerMayBeGivenByNameAlone() {
        Suite s = parse(MINIMAL + "sampler: random\npruner: nop\nstorage: memory\n");
        assertEquals(new SamplerSpec("random", 1, Map.of()), s.sampler());
        assertEquals(new PrunerSpec("nop", Map.of()), s.pruner());
        assertEquals(new StorageSpec.Memory(), s.storage());
    }

    @Test
    void theSplitSchemeIsStandardOrVinyals() {
        assertEquals("standard", parse(MINIMAL.replace("{name: omniglot}", "{name: omniglot, split: standard}"))
                .datasets().get(0).split());
        assertTrue(failure(MINIMAL.replace("{name: omniglot}", "{name: omniglot, split: vinyal}")).getMessage()
                .contains("field 'datasets[0].split': value 'vinyal' is not a split scheme (did you mean 'vinyals'?)"));
        assertTrue(failure(MINIMAL.replace("{name: omniglot}", "{name: omniglot, split: lake}")).getMessage()
                .contains("allowed: standard, vinyals (both: the data set's train, val and test splits), or leave it out"));
    }

    @Test
    void storageTakesTheFormsTheHpoStorageOpens() {
        Map<String, StorageSpec> forms = Map.of("sqlite", new StorageSpec.RunFolder(), "memory", new StorageSpec.Memory(),
                "sqlite:studies/shared.db", new StorageSpec.Jdbc("jdbc:sqlite:studies/shared.db"),
                "shared.db", new StorageSpec.Jdbc("jdbc:sqlite:shared.db"),
                "jdbc:sqlite:/data/s.db", new StorageSpec.Jdbc("jdbc:sqlite:/data/s.db"),
                "jdbc:postgresql://db:5432/metatune", new StorageSpec.Jdbc("jdbc:postgresql://db:5432/metatune"));
        forms.forEach((text, spec) -> assertEquals(spec, parse(MINIMAL + "storage: " + text + "\n").storage(), text));
        for (String bad : List.of("mysql://x/y", "'jdbc:sqlite:'", "sqlite3", "42")) {
            assertTrue(failure(MINIMAL + "storage: " + bad + "\n").getMessage().contains("is not a storage"), bad);
        }
    }

    @Test
    void theHashIgnoresFormattingCommentsAndSpelledOutDefaultsButNotValues() {
        String reformatted = """
                # same suite, block style, defaults written out
                algorithms:
                  - name: protonet
                settings:
                  - ways: 5
                    shots: 1
                    queries: 15
                datasets:
                  - name: omniglot
                name: tiny
                seed: 1
                test_episodes: 600
                storage: sqlite
                """;
        assertEquals(parse(MINIMAL).contentHash(), parse(reformatted).contentHash());
        assertEquals(64, parse(MINIMAL).contentHash().length());
        assertNotEquals(parse(MINIMAL).contentHash(), parse(MINIMAL.replace("shots: 1", "shots: 2")).contentHash());
        assertNotEquals(parse(FULL).contentHash(), parse(FULL.replace("0.4, inner_steps", "0.5, inner_steps")).contentHash());
        assertEquals(parse(FULL).contentHash(), parse(FULL).contentHash());
    }

    @Test
    void pointsAtTheLineAndColumnOfTheOffendingValue() {
        SuiteException e = failure(MINIMAL.replace("shots: 1", "shots: -3"));
        assertEquals(3, e.line());
        assertEquals(29, e.column());
        assertEquals("settings[0].shots", e.field());
        assertTrue(e.getMessage().startsWith("test.yaml:3:29: field 'settings[0].shots': value '-3'"), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        SuiteException e = assertThrows(SuiteException.class, () -> new SuiteLoader(SuiteCatalogs.fromRegistries()).load(missing));
        assertEquals(missing + ": no such suite file", e.getMessage());
    }

    @Test
    void aFolderIsNotASuite(@TempDir Path dir) {
        SuiteException e = assertThrows(SuiteException.class, () -> new SuiteLoader(SuiteCatalogs.fromRegistries()).load(dir));
        assertTrue(e.getMessage().startsWith(dir + ": is a folder"), e.getMessage());
    }

    @Test
    void bytesThatAreNotUtf8AreRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xE9, '\n'});
        SuiteException e = assertThrows(SuiteException.class, () -> new SuiteLoader(SuiteCatalogs.fromRegistries()).load(file));
        assertTrue(e.getMessage().contains("is not UTF-8 text"), e.getMessage());
    }

    @Test
    void aByteOrderMarkIsAccepted(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bom.yaml");
        Files.writeString(file, "\uFEFF" + MINIMAL);
        assertEquals("tiny", new SuiteLoader(SuiteCatalogs.fromRegistries()).load(file).name());
    }

    @Test
    void unknownNamesAreCheckedAgainstTheCatalogGiven() {
        SuiteCatalog namesOnly = SuiteCatalog.ofNames(java.util.Set.of("protonet"), java.util.Set.of("omniglot"),
                java.util.Set.of("tpe"), java.util.Set.of("median"));
        // without a schema, hyperparameter names are not checked, but budget keys still are
        Suite s = new SuiteLoader(namesOnly).parse(MINIMAL.replace("{name: protonet}", "{name: protonet, fixed: {anything: 1}}"),
                "t.yaml");
        assertEquals(Map.of("anything", 1L), s.algorithms().get(0).fixed());
        SuiteException e = assertThrows(SuiteException.class, () -> new SuiteLoader(namesOnly)
                .parse(MINIMAL.replace("{name: protonet}", "{name: maml}"), "t.yaml"));
        assertTrue(e.getMessage().contains("value 'maml' is not a registered algorithm; allowed: protonet"), e.getMessage());
        assertThrows(SuiteException.class, () -> new SuiteLoader(namesOnly)
                .parse(MINIMAL.replace("{name: protonet}", "{name: protonet, fixed: {train_steps: 5}}"), "t.yaml"));
    }

    @Test
    void budgetsOverrideOnlyWhatTheyName() {
        Suite s = parse(MINIMAL.replace("{name: protonet}", "{name: protonet, budget: {validation_episodes: 7}}")
                + "budget: {train_steps: 300, final_train_steps: 900, validate_every: 30}\n");
        assertEquals(new Budget(300, 30, 100, 900, Duration.ZERO), s.budget());
        assertEquals(new Budget(300, 30, 7, 900, Duration.ZERO), s.algorithms().get(0).budget());
        Suite capped = parse(MINIMAL + "budget: {train_steps: 40}\n");
        assertEquals(40, capped.budget().validateEvery(), "the default interval is capped at train_steps");
        assertEquals(40, capped.budget().finalTrainSteps(), "final training defaults to train_steps");
    }

    @Test
    void durationsReadSecondsOrUnits() {
        for (Map.Entry<String, Duration> e : Map.of("90", Duration.ofSeconds(90), "45s", Duration.ofSeconds(45),
                "30m", Duration.ofMinutes(30), "2h", Duration.ofHours(2), "1h30m", Duration.ofMinutes(90),
                "0", Duration.ZERO).entrySet()) {
            assertEquals(e.getValue(), parse(MINIMAL + "budget: {study_timeout: " + e.getKey() + "}\n").budget().studyTimeout(),
                    e.getKey());
        }
        assertTrue(failure(MINIMAL + "budget: {study_timeout: -5}\n").getMessage().contains("is negative"));
    }

    @Test
    void aLabelRunsOneAlgorithmTwiceOnOneDataSet() {
        String twice = MINIMAL.replace("algorithms: [{name: protonet}]",
                "algorithms: [{name: protonet}, {name: protonet, label: protonet-wide, fixed: {train_ways: 30}}]");
        assertEquals(List.of("protonet", "protonet-wide"),
                parse(twice).studies().stream().map(p -> p.algorithm().label()).toList());
    }

    @Test
    void enqueuedValuesMustFitTheirDistributionsExactly() {
        String base = MINIMAL.replace("{name: protonet}", "{name: maml, search: {inner_steps: {int: [1, 9], step: 2}},"
                + " enqueue: [{inner_steps: STEPS}]}");
        assertEquals(Map.of("inner_steps", 3L), parse(base.replace("STEPS", "3")).algorithms().get(0).enqueue().get(0));
        assertTrue(failure(base.replace("STEPS", "4")).getMessage().contains("on steps of 2"));
        assertTrue(failure(base.replace("STEPS", "3.5")).getMessage().contains("is outside the domain of 'inner_steps'"));
        assertTrue(failure(base.replace("STEPS", "11")).getMessage().contains("is outside the search of 'inner_steps'"));
        assertTrue(failure(base.replace("STEPS", "3") .replace("enqueue: [{inner_steps: 3}]", "enqueue: [{outer_lr: 0.1}]"))
                .getMessage().contains("'outer_lr' is not searched"));
    }

    @Test
    void entriesMayShareValuesThroughAnchorsAndMergeKeys() {
        Suite s = parse("""
                name: shared
                datasets: [{name: omniglot}]
                settings: [{ways: 5, shots: 1}]
                algorithms:
                  - &maml
                    name: maml
                    fixed: {meta_batch: 4, filters: 32}
                    search: {inner_lr: {float: [0.1, 1.0], log: true}}
                    trials: 5
                  - <<: *maml
                    name: fomaml
                    trials: 3
                """);
        AlgorithmEntry maml = s.algorithms().get(0);
        AlgorithmEntry fomaml = s.algorithms().get(1);
        assertEquals("fomaml", fomaml.name());
        assertEquals(maml.fixed(), fomaml.fixed());
        assertEquals(maml.search(), fomaml.search());
        assertEquals(5, maml.trials());
        assertEquals(3, fomaml.trials(), "a key written in the mapping wins over the merged one");
    }

    @Test
    void messagesAreOneLineAndNameWhatIsAllowed() {
        SuiteException e = failure(MINIMAL + "storage: ftp://x\n");
        assertFalse(e.getMessage().contains("\n"));
        assertTrue(e.getMessage().contains("allowed: sqlite"), e.getMessage());
    }
}
