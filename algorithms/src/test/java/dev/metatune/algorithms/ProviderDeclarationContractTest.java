package dev.metatune.algorithms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.Device;
import dev.metatune.data.DatasetProvider;
import dev.metatune.learner.AlgorithmProvider;
import dev.metatune.learner.HyperparameterSpec;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.MetaLearner;
import dev.metatune.learner.PublishedResult;
import dev.metatune.space.Domain;
import dev.metatune.task.TaskKind;
import dev.metatune.task.TaskSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every registered algorithm declares, checked over all providers that
 * {@link java.util.ServiceLoader} finds: unique names; a spec for every default and a default for
 * every spec; defaults inside the declared domains for every supported kind; a value outside a
 * domain refused at {@code create}, and the edge values inside it accepted (the domain is exactly what
 * the learner takes); published results on registered data sets in settings a report labels, with
 * accuracies in (0, 1]; notes for a configuration.
 */
class ProviderDeclarationContractTest {

    /** A setting label as a report writes it: {@code 5w1s}. */
    private static final Pattern SETTING = Pattern.compile("([1-9][0-9]*)w([1-9][0-9]*)s");

    static Stream<Arguments> providersAndKinds() {
        List<Arguments> out = new ArrayList<>();
        for (AlgorithmProvider p : AlgorithmProvider.registry().all()) {
            for (TaskKind kind : TaskKind.values()) {
                if (p.supportedKinds().contains(kind)) {
                    out.add(Arguments.of(p.name(), kind));
                }
            }
        }
        return out.stream();
    }

    static Stream<String> providers() {
        return AlgorithmProvider.registry().names().stream();
    }

    @Test
    void everyServiceLineIsOneProviderWithItsOwnName() {
        List<String> names = ServiceLoader.load(AlgorithmProvider.class).stream().map(p -> p.get().name()).toList();
        assertEquals(names.size(), new HashSet<>(names).size(), "duplicate algorithm names: " + names);
        assertEquals(new TreeSet<>(names), new TreeSet<>(AlgorithmProvider.registry().names()));
        assertTrue(names.containsAll(List.of("maml", "fomaml", "protonet", "baseline", "baseline-pp")), names.toString());
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("providersAndKinds")
    void specsAndDefaultsAgreeAndLieInTheirDomains(String name, TaskKind kind) {
        AlgorithmProvider provider = AlgorithmProvider.registry().get(name);
        assertFalse(provider.description().isBlank(), name + " has no description");
        Set<String> specNames = new LinkedHashSet<>();
        for (HyperparameterSpec spec : provider.hyperparameters()) {
            assertTrue(specNames.add(spec.name()), name + ": hyperparameter " + spec.name() + " declared twice");
            assertFalse(spec.description().isBlank(), name + ": " + spec.name() + " has no description");
            assertTrue(spec.domain().contains(spec.defaultValue()), name + ": default of " + spec.name() + " outside "
                    + spec.domain().describe());
            if (spec.searchRange() != null) {
                assertTrue(spec.domain().checkRange(spec.searchRange()).isEmpty(), name + ": search range of " + spec.name()
                        + ": " + spec.domain().checkRange(spec.searchRange()).orElse(""));
                assertTrue(spec.searchRange().contains(spec.defaultValue()), name + ": default of " + spec.name()
                        + " outside its search range " + spec.searchRange());
            }
        }
        Map<String, Object> defaults = provider.defaults(kind).asMap();
        assertEquals(new TreeSet<>(specNames), new TreeSet<>(defaults.keySet()),
                name + ": defaults(" + kind + ") and hyperparameters() name different hyperparameters");
        for (HyperparameterSpec spec : provider.hyperparameters()) {
            Object value = defaults.get(spec.name());
            assertTrue(spec.domain().contains(value), name + ": defaults(" + kind + ") gives " + spec.name() + " = " + value
                    + ", outside " + spec.domain().describe());
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("providersAndKinds")
    void unknownNamesAndValuesOutsideTheDomainAreRefusedNamingTheField(String name, TaskKind kind) {
        AlgorithmProvider provider = AlgorithmProvider.registry().get(name);
        LearnerContext context = context(kind);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> create(provider, Map.of("no_such_hyperparameter", 1), context));
        assertTrue(unknown.getMessage().contains("no_such_hyperparameter"), "message should name the field: "
                + unknown.getMessage());
        for (HyperparameterSpec spec : provider.hyperparameters()) {
            List<Object> outside = outside(spec.domain());
            assertFalse(outside.isEmpty(), name + ": no value outside the domain of " + spec.name() + " to try");
            for (Object value : outside) {
                assertFalse(spec.domain().contains(value), "test error: " + value + " lies in " + spec.domain().describe());
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> create(provider, Map.of(spec.name(), value), context),
                        name + " accepted " + spec.name() + " = " + show(value) + " outside " + spec.domain().describe());
                assertTrue(e.getMessage().contains(spec.name()), "message should name " + spec.name() + ": " + e.getMessage());
            }
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("providersAndKinds")
    void theEdgesOfEveryDomainAreAccepted(String name, TaskKind kind) {
        AlgorithmProvider provider = AlgorithmProvider.registry().get(name);
        LearnerContext context = context(kind);
        for (HyperparameterSpec spec : provider.hyperparameters()) {
            for (Object value : edges(spec.domain())) {
                assertTrue(spec.domain().contains(value), "test error: " + value + " outside " + spec.domain().describe());
                try {
                    create(provider, Map.of(spec.name(), value), context);
                } catch (IllegalArgumentException e) {
                    fail(name + " refused " + spec.name() + " = " + value + ", which its domain ("
                            + spec.domain().describe() + ") allows: " + e.getMessage());
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void publishedResultsNameRegisteredDataSetsSettingsAndFractions(String name) {
        AlgorithmProvider provider = AlgorithmProvider.registry().get(name);
        List<String> datasets = DatasetProvider.registry().names();
        Set<String> seen = new HashSet<>();
        for (PublishedResult r : provider.publishedResults()) {
            String where = name + " " + r.dataset() + " " + r.setting();
            assertTrue(datasets.contains(r.dataset()), where + ": no data set of that name; registered: " + datasets);
            Matcher m = SETTING.matcher(r.setting());
            assertTrue(m.matches(), where + ": setting is not a label like 5w1s");
            assertTrue(seen.add(r.dataset() + " " + r.setting()), where + ": stated twice");
            assertFalse(r.citation().isBlank(), where + ": no citation");
            if (Integer.parseInt(m.group(1)) >= 2) {
                // an N-way setting: a classification accuracy, as a fraction
                assertTrue(r.value() > 0 && r.value() <= 1, where + ": accuracy " + r.value() + " is not a fraction in (0, 1]");
                if (r.interval() != null) {
                    assertTrue(r.interval() > 0 && r.interval() < r.value(), where + ": interval " + r.interval());
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("providersAndKinds")
    void describeGivesNotesForTheDefaults(String name, TaskKind kind) {
        AlgorithmProvider provider = AlgorithmProvider.registry().get(name);
        List<String> notes = provider.describe(provider.defaults(kind), kind);
        assertNotNull(notes, name + ": describe() gave null");
        for (String note : notes) {
            assertTrue(note != null && !note.isBlank() && !note.contains(";"), name + ": note '" + note + "'");
        }
    }

    /** Creates and closes a learner: the values are refused or accepted at create. */
    private static void create(AlgorithmProvider provider, Map<String, Object> values, LearnerContext context) {
        MetaLearner learner = provider.create(Hyperparameters.of(values), context);
        learner.close();
    }

    private static String show(Object value) {
        return value instanceof String ? "'" + value + "' (a string)" : String.valueOf(value);
    }

    /** Values a domain refuses: just past each finite end, and one of the wrong type. */
    static List<Object> outside(Domain domain) {
        List<Object> out = new ArrayList<>();
        if (domain instanceof Domain.Real r) {
            if (Double.isFinite(r.low())) {
                out.add(r.lowInclusive() ? Math.nextDown(r.low()) : r.low());
            }
            if (Double.isFinite(r.high())) {
                out.add(r.highInclusive() ? Math.nextUp(r.high()) : r.high());
            }
            out.add(Double.NaN);
            out.add(Double.POSITIVE_INFINITY);
            out.add("0.5");
        } else if (domain instanceof Domain.Integer i) {
            if (i.low() > Long.MIN_VALUE) {
                out.add(i.low() - 1);
            }
            if (i.high() < Long.MAX_VALUE) {
                out.add(i.high() + 1);
            }
            out.add(i.low() + 0.5);
            out.add(String.valueOf(i.low()));
        } else if (domain instanceof Domain.Bool) {
            out.add("true");
            out.add(1);
        } else if (domain instanceof Domain.Choice c) {
            out.add("no-such-choice-" + c.choices().size());
        }
        return out;
    }

    /**
     * Values just inside a domain's finite ends (an integer domain's upper end only when small enough
     * to build a learner with), and every choice.
     */
    static List<Object> edges(Domain domain) {
        List<Object> in = new ArrayList<>();
        if (domain instanceof Domain.Real r) {
            if (Double.isFinite(r.low())) {
                in.add(r.lowInclusive() ? r.low() : Math.nextUp(r.low()));
            }
            if (Double.isFinite(r.high())) {
                in.add(r.highInclusive() ? r.high() : Math.nextDown(r.high()));
            }
        } else if (domain instanceof Domain.Integer i) {
            in.add(i.low());
            if (i.high() <= 1_000) {
                in.add(i.high());
            }
        } else if (domain instanceof Domain.Bool) {
            in.add(true);
            in.add(false);
        } else if (domain instanceof Domain.Choice c) {
            in.addAll(c.choices());
        }
        return in;
    }

    private static LearnerContext context(TaskKind kind) {
        if (kind == TaskKind.REINFORCEMENT) {
            TaskSpec spec = new TaskSpec(1, 2, 2);
            return new LearnerContext(Device.cpu(), kind, new int[] {2, 2}, spec, spec, 0, 1);
        }
        if (kind == TaskKind.REGRESSION) {
            TaskSpec spec = new TaskSpec(1, 5, 10);
            return new LearnerContext(Device.cpu(), kind, new int[] {1}, spec, spec, 0, 1);
        }
        TaskSpec spec = new TaskSpec(5, 1, 3);
        return new LearnerContext(Device.cpu(), kind, new int[] {1, 28, 28}, spec, spec, 20, 1);
    }
}
