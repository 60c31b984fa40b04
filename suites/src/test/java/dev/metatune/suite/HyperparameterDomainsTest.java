package dev.metatune.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.cli.SuiteCatalogs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A suite's fixed values, search ranges and enqueued values are checked against the domains the
 * registered algorithms declare, at load: a value the algorithm would refuse is a located error
 * ({@code FILE:LINE:COL}, field, value, allowed domain), never a failed trial.
 */
class HyperparameterDomainsTest {

    private static final String SUITE = """
            name: t
            datasets: [{name: synthetic}]
            settings: [{ways: 5, shots: 1}]
            algorithms:
              - name: ALGORITHM
                ENTRY
            """;

    private static Suite load(String algorithm, String entry) {
        return new SuiteLoader(SuiteCatalogs.fromRegistries())
                .parse(SUITE.replace("ALGORITHM", algorithm).replace("ENTRY", entry), "t.yaml");
    }

    private static SuiteException failure(String algorithm, String entry) {
        return assertThrows(SuiteException.class, () -> load(algorithm, entry));
    }

    @Test
    void aFixedValueOutsideTheDomainFailsAtItsLine() {
        SuiteException e = failure("maml", "fixed: {inner_lr: -1.0}");
        assertEquals("t.yaml:6:23: field 'algorithms[0].fixed.inner_lr': value '-1.0' (a float) is outside the domain of"
                + " 'inner_lr'; allowed: a number > 0", e.getMessage());
        assertEquals(6, e.line());
        assertEquals(23, e.column());
        assertEquals("algorithms[0].fixed.inner_lr", e.field());
        // zero is outside an open lower end; an integer is a number
        assertTrue(failure("maml", "fixed: {inner_lr: 0}").getMessage().contains("allowed: a number > 0"));
        assertEquals(Map.of("inner_lr", 1L), load("maml", "fixed: {inner_lr: 1}").algorithms().get(0).fixed());
    }

    @Test
    void aFixedValueOfTheWrongTypeFails() {
        assertTrue(failure("maml", "fixed: {inner_steps: 2.0}").getMessage()
                .contains("value '2.0' (a float) is outside the domain of 'inner_steps'; allowed: an integer >= 1"));
        assertTrue(failure("maml", "fixed: {transductive_bn: 1}").getMessage()
                .contains("value '1' (an integer) is outside the domain of 'transductive_bn'; allowed: true or false"));
        assertTrue(failure("maml", "fixed: {conv_variant: dilated}").getMessage()
                .contains("value 'dilated' (a string) is outside the domain of 'conv_variant'; allowed: one of [strided, pooled]"));
        assertTrue(failure("protonet", "fixed: {train_ways: 1}").getMessage().contains("allowed: an integer >= 2"));
    }

    @Test
    void aSearchRangeWiderThanTheDomainFails() {
        SuiteException e = failure("protonet", "search: {train_ways: {int: [1, 60]}}");
        assertTrue(e.getMessage().startsWith("t.yaml:6:26: field 'algorithms[0].search.train_ways': value '{int: [1, 60]}'"
                + " does not fit the domain of 'train_ways': the range [1, 60] is wider than the allowed domain,"
                + " an integer >= 2"), e.getMessage());
        assertTrue(failure("maml", "search: {inner_lr: {float: [-0.5, 1.0]}}").getMessage()
                .contains("its low end -0.5 is outside the allowed domain, a number > 0"));
        assertTrue(failure("baseline", "search: {finetune_momentum: {float: [0.5, 1.0]}}").getMessage()
                .contains("its high end 1 is outside the allowed domain, a number in [0, 1)"));
        assertTrue(failure("maml", "search: {transductive_bn: {int: [0, 1]}}").getMessage()
                .contains("does not fit the domain of 'transductive_bn'"));
    }

    @Test
    void aCategoricalChoiceOfTheWrongTypeFails() {
        SuiteException e = failure("maml", "search: {filters: {choice: [32, wide]}}");
        assertTrue(e.getMessage().contains("field 'algorithms[0].search.filters': value '{choice: [32, wide]}' does not fit"
                + " the domain of 'filters': the choice 'wide' is outside the allowed domain, an integer >= 1"), e.getMessage());
        assertTrue(failure("maml", "search: {conv_variant: {choice: [strided, 3]}}").getMessage()
                .contains("the choice '3' is outside the allowed domain, one of [strided, pooled]"));
        assertTrue(failure("maml", "search: {filters: {choice: [32.5, 64]}}").getMessage()
                .contains("the choice '32.5' is outside the allowed domain, an integer >= 1"));
    }

    @Test
    void anEnqueuedValueOutsideTheSearchRangeFails() {
        SuiteException e = failure("maml", "search: {inner_lr: {float: [0.1, 1.0]}}\n    enqueue: [{inner_lr: 0.05}]");
        assertEquals("t.yaml:7:26: field 'algorithms[0].enqueue[0].inner_lr': value '0.05' is outside the search of"
                + " 'inner_lr'; allowed: a number in [0.1, 1.0]", e.getMessage());
    }

    @Test
    void anEnqueuedValueOutsideTheDomainFailsWithTheDomain() {
        SuiteException e = failure("maml", "search: {inner_steps: {int: [1, 5]}}\n    enqueue: [{inner_steps: -3}]");
        assertTrue(e.getMessage().contains("field 'algorithms[0].enqueue[0].inner_steps': value '-3' (an integer) is outside"
                + " the domain of 'inner_steps'; allowed: an integer >= 1"), e.getMessage());
    }

    /** Negative control: values inside every domain and range load, with YAML's Long and Double as they are. */
    @Test
    void valuesInsideTheirDomainsLoad() {
        Suite s = load("maml", "fixed: {inner_lr: 0.4, transductive_bn: false, conv_variant: pooled}\n"
                + "    search: {inner_steps: {int: [1, 5]}, filters: {choice: [32, 64]}, outer_lr: {float: [1.0e-4, 1.0e-2], log: true}}\n"
                + "    enqueue: [{inner_steps: 1, filters: 64, outer_lr: 1.0e-3}]");
        AlgorithmEntry maml = s.algorithms().get(0);
        assertEquals(Map.of("inner_lr", 0.4, "transductive_bn", false, "conv_variant", "pooled"), maml.fixed());
        assertEquals(List.of(Map.of("filters", 64L, "inner_steps", 1L, "outer_lr", 1e-3)), maml.enqueue());
    }
}
