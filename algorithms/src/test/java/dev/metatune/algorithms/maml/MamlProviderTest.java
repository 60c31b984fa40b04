package dev.metatune.algorithms.maml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.learner.AlgorithmProvider;
import dev.metatune.learner.HyperparameterSpec;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.PublishedResult;
import dev.metatune.task.TaskKind;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@code maml} and {@code fomaml} are one learner whose {@code first_order} defaults differ; their
 * names, descriptions and defaults are those users saw before; each states Finn et al.'s numbers and
 * describes a configuration with the notes the report showed.
 */
class MamlProviderTest {

    private final AlgorithmProvider maml = AlgorithmProvider.registry().get("maml");
    private final AlgorithmProvider fomaml = AlgorithmProvider.registry().get("fomaml");

    @Test
    void bothNamesAreTheOneProviderClassAndDifferOnlyInTheFirstOrderDefault() {
        assertInstanceOf(MamlProvider.class, maml);
        assertInstanceOf(FomamlProvider.class, fomaml);
        assertEquals("MAML, exact second-order meta-gradient (Finn, Abbeel & Levine, ICML 2017)", maml.description());
        assertEquals("first-order MAML (Finn et al. 2017; Nichol, Achiam & Schulman 2018)", fomaml.description());
        assertEquals(names(maml), names(fomaml));
        for (TaskKind kind : TaskKind.values()) {
            Map<String, Object> a = new TreeMap<>(maml.defaults(kind).asMap());
            Map<String, Object> b = new TreeMap<>(fomaml.defaults(kind).asMap());
            assertEquals(false, a.remove("first_order"), "maml's first_order default");
            assertEquals(true, b.remove("first_order"), "fomaml's first_order default");
            assertEquals(a, b, kind + ": the defaults differ beyond first_order");
        }
        Map<String, Object> classification = maml.defaults(TaskKind.CLASSIFICATION).asMap();
        assertEquals(0.4, classification.get("inner_lr"));
        assertEquals(32, classification.get("meta_batch"));
        assertEquals(3, classification.get("test_inner_steps"));
        Map<String, Object> regression = maml.defaults(TaskKind.REGRESSION).asMap();
        assertEquals(0.01, regression.get("inner_lr"));
        assertEquals(25, regression.get("meta_batch"));
        assertEquals(10, regression.get("test_inner_steps"));
    }

    @Test
    void firstOrderDecidesTheOrderAndTheAnnealingAppliesOnlyToSecondOrder() {
        MamlConfig fo = MamlConfig.from(fomaml.defaults(TaskKind.CLASSIFICATION).with(Map.of("first_order_until_step", 100)));
        assertTrue(fo.firstOrder());
        assertFalse(fo.secondOrderAt(0) || fo.secondOrderAt(1_000));
        MamlConfig exact = MamlConfig.from(maml.defaults(TaskKind.CLASSIFICATION));
        assertFalse(exact.firstOrder());
        assertTrue(exact.secondOrderAt(0));
        MamlConfig annealed = MamlConfig.from(maml.defaults(TaskKind.CLASSIFICATION).with(Map.of("first_order_until_step", 100)));
        assertFalse(annealed.secondOrderAt(99));
        assertTrue(annealed.secondOrderAt(100));
        MamlConfig switched = MamlConfig.from(maml.defaults(TaskKind.REGRESSION).with(Map.of("first_order", true)));
        assertTrue(switched.firstOrder());
        assertFalse(switched.secondOrderAt(0));
    }

    @Test
    void describeGivesTheReportsNotes() {
        Hyperparameters classification = maml.defaults(TaskKind.CLASSIFICATION);
        assertEquals(List.of("3 test inner steps", "transductive BN"), maml.describe(classification, TaskKind.CLASSIFICATION));
        assertEquals(List.of("10 test inner steps", "non-transductive BN"), fomaml.describe(
                fomaml.defaults(TaskKind.CLASSIFICATION).with(Map.of("test_inner_steps", 10, "transductive_bn", false)),
                TaskKind.CLASSIFICATION));
        assertEquals(List.of("10 test inner steps"), maml.describe(maml.defaults(TaskKind.REGRESSION), TaskKind.REGRESSION));
        assertEquals(List.of("10 test inner steps"), fomaml.describe(fomaml.defaults(TaskKind.REGRESSION), TaskKind.REGRESSION));
        // first_order is new: a note only where it is not the algorithm's own default
        assertEquals(List.of("3 test inner steps", "transductive BN", "first-order meta-gradient"),
                maml.describe(classification.with(Map.of("first_order", true)), TaskKind.CLASSIFICATION));
        assertEquals(List.of("10 test inner steps", "exact second-order meta-gradient"),
                fomaml.describe(fomaml.defaults(TaskKind.REGRESSION).with(Map.of("first_order", false)), TaskKind.REGRESSION));
    }

    @Test
    void publishedResultsAreFinnEtAlsTable() {
        // Omniglot, as the report showed before these numbers moved into the plugin
        assertResult(maml, "omniglot", "5w1s", 0.987, 0.004);
        assertResult(maml, "omniglot", "5w5s", 0.999, 0.001);
        assertResult(maml, "omniglot", "20w1s", 0.958, 0.003);
        assertResult(maml, "omniglot", "20w5s", 0.989, 0.002);
        assertResult(fomaml, "omniglot", "5w1s", 0.983, 0.005);
        assertResult(fomaml, "omniglot", "5w5s", 0.992, 0.002);
        assertResult(fomaml, "omniglot", "20w1s", 0.894, 0.005);
        assertResult(fomaml, "omniglot", "20w5s", 0.979, 0.001);
        assertResult(maml, "mini-imagenet", "5w1s", 0.4870, 0.0184);
        assertResult(maml, "mini-imagenet", "5w5s", 0.6311, 0.0092);
        assertResult(fomaml, "mini-imagenet", "5w1s", 0.4807, 0.0175);
        assertResult(fomaml, "mini-imagenet", "5w5s", 0.6315, 0.0091);
        assertEquals(6, maml.publishedResults().size());
        assertEquals(6, fomaml.publishedResults().size());
        assertNull(find(maml, "sinusoid", "1w5s"), "Finn et al. give the sinusoid results as curves, not numbers");
    }

    private static void assertResult(AlgorithmProvider provider, String dataset, String setting, double value, double interval) {
        PublishedResult r = find(provider, dataset, setting);
        assertTrue(r != null, provider.name() + " states nothing for " + dataset + " " + setting);
        assertEquals(value, r.value(), 1e-12, provider.name() + " " + dataset + " " + setting);
        assertEquals(interval, r.interval(), 1e-12, provider.name() + " " + dataset + " " + setting + " interval");
        assertTrue(r.citation().contains("Finn") && r.citation().contains("Table"), r.citation());
    }

    private static PublishedResult find(AlgorithmProvider provider, String dataset, String setting) {
        return provider.publishedResults().stream()
                .filter(r -> r.dataset().equals(dataset) && r.setting().equals(setting)).findFirst().orElse(null);
    }

    private static List<String> names(AlgorithmProvider provider) {
        return provider.hyperparameters().stream().map(HyperparameterSpec::name).toList();
    }
}
