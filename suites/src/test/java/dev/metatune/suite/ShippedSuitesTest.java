package dev.metatune.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.cli.SuiteCatalogs;
import dev.metatune.space.Distribution;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The suites shipped in {@code suites/} load, validate, and say what their comments say. */
class ShippedSuitesTest {

    private static Suite load(String file) {
        return new SuiteLoader(SuiteCatalogs.fromRegistries()).load(Path.of(file));
    }

    private static Map<String, Object> first(Suite suite, String label, String dataset) {
        return suite.studies().stream().filter(s -> s.algorithm().label().equals(label) && s.dataset().name().equals(dataset))
                .findFirst().orElseThrow().algorithm().enqueue().get(0);
    }

    /** Every suite file shipped in the module's folder (the tests run there), so none is left out. */
    static java.util.stream.Stream<String> shippedSuites() throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(Path.of("."))) {
            List<String> names = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
            assertTrue(names.contains("quickstart.yaml"), "no shipped suites found in " + Path.of(".").toAbsolutePath());
            return names.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("shippedSuites")
    void loadsAndEveryEnqueuedConfigurationIsInsideItsSearch(String file) {
        Suite suite = load(file);
        assertEquals(file.replace(".yaml", ""), suite.name());
        assertTrue(!suite.studies().isEmpty());
        for (AlgorithmEntry a : suite.algorithms()) {
            assertTrue(a.enqueue().size() <= a.trials(), a.label());
            for (Map<String, Object> config : a.enqueue()) {
                config.forEach((k, v) -> assertTrue(a.search().get(k).contains(v), a.label() + " " + k + "=" + v));
            }
        }
    }

    @Test
    void quickstartIsSmallAndNeedsNoDownload() {
        Suite q = load("quickstart.yaml");
        assertEquals(Set.of("maml", "fomaml", "protonet", "baseline"),
                q.algorithms().stream().map(AlgorithmEntry::label).collect(Collectors.toSet()));
        DatasetEntry omniglot = q.datasets().stream().filter(d -> d.name().equals("omniglot")).findFirst().orElseThrow();
        assertEquals("synthetic", omniglot.fallback().orElseThrow());
        assertTrue(q.datasets().stream().noneMatch(DatasetEntry::download));
        assertTrue(q.datasets().stream().anyMatch(d -> d.name().equals("sinusoid")));
        // a small sweep (timed at about 5 minutes on 2 idle cores, see README): at most 3 trials a study,
        // at most 1000 steps (sinusoid; 250 on images), 200 test episodes, one seed
        assertTrue(q.studies().stream().allMatch(s -> s.trials() <= 3 && s.algorithm().budget().trainSteps() <= 1000));
        assertTrue(q.studies().stream().allMatch(s -> !s.algorithm().search().isEmpty()));
        assertEquals(200, q.testEpisodes());
        assertEquals(List.of(1L), q.seeds());
        assertEquals(new StorageSpec.RunFolder(), q.storage());
    }

    @Test
    void omniglotPaperHasTheFourSettingsAndThePapersHyperparametersFirst() {
        Suite o = load("omniglot-paper.yaml");
        assertEquals(List.of(new Setting(5, 1, 15), new Setting(5, 5, 15), new Setting(20, 1, 15), new Setting(20, 5, 15)),
                o.datasets().get(0).settings());
        assertEquals("vinyals", o.datasets().get(0).split());
        assertEquals(Map.of("inner_lr", 0.4, "inner_steps", 1L, "outer_lr", 1.0e-3), first(o, "maml", "omniglot"));
        AlgorithmEntry maml = o.algorithms().get(0);
        assertEquals(32L, maml.fixed().get("meta_batch"));
        assertEquals(3L, maml.fixed().get("test_inner_steps"));
        AlgorithmEntry protonet = o.algorithms().stream().filter(a -> a.name().equals("protonet")).findFirst().orElseThrow();
        assertEquals(60L, protonet.fixed().get("train_ways"));
        assertEquals(5L, protonet.fixed().get("train_queries"));
        assertEquals(2000L, protonet.fixed().get("lr_halve_every"));
        assertEquals(Map.of("lr", 1.0e-3, "train_shots", 5L), protonet.enqueue().get(0));
        assertEquals(600, o.testEpisodes());
        assertEquals(15, o.testQueries(o.datasets().get(0).settings().get(0)));
        assertEquals(List.of(1L, 2L, 3L), o.seeds());
        assertEquals(5 * 4, o.studies().size());
    }

    @Test
    void sinusoidPaperUsesFinnEtAlsSetup() {
        Suite s = load("sinusoid-paper.yaml");
        assertEquals(List.of(5, 10, 20), s.datasets().get(0).settings().stream().map(Setting::shots).toList());
        assertTrue(s.datasets().get(0).settings().stream().allMatch(t -> t.ways() == 1));
        assertEquals(Map.of("inner_lr", 0.01, "inner_steps", 1L, "outer_lr", 1.0e-3), first(s, "maml", "sinusoid"));
        assertEquals(25L, s.algorithms().get(0).fixed().get("meta_batch"));
        assertEquals(10L, s.algorithms().get(0).fixed().get("test_inner_steps"));
    }

    @Test
    void mamlInnerLoopIsAFullGridOverInnerLrAndStepsAtSeveralShots() {
        Suite m = load("maml-inner-loop.yaml");
        AlgorithmEntry maml = m.algorithms().get(0);
        int grid = maml.search().values().stream().mapToInt(d -> ((Distribution.Categorical) d).choices().size())
                .reduce(1, (a, b) -> a * b);
        assertEquals(grid, maml.trials());
        assertEquals(Set.of("inner_lr", "inner_steps"), maml.search().keySet());
        assertEquals("grid", m.sampler().name());
        assertTrue(m.datasets().get(0).settings().stream().map(Setting::shots).distinct().count() >= 3);
    }
}
