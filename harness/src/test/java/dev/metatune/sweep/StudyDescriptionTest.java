package dev.metatune.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.metatune.data.DataOptions;
import dev.metatune.data.DatasetProvider;
import dev.metatune.learner.AlgorithmProvider;
import dev.metatune.learner.HyperparameterSpec;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.MetaLearner;
import dev.metatune.learner.PublishedResult;
import dev.metatune.suite.AlgorithmEntry;
import dev.metatune.suite.Budget;
import dev.metatune.suite.DatasetEntry;
import dev.metatune.suite.Setting;
import dev.metatune.suite.StudyPlan;
import dev.metatune.task.TaskKind;
import dev.metatune.task.TaskSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the runner says about a study comes from the algorithm's provider (its notes and published
 * results), in a fixed order, and studies are named after the data set actually used.
 */
class StudyDescriptionTest {

    @TempDir
    Path dir;

    /** A provider that knows things about itself, as a real algorithm's would. */
    static final class StubProvider implements AlgorithmProvider {
        @Override
        public String name() {
            return "stub";
        }

        @Override
        public String description() {
            return "a stub algorithm";
        }

        @Override
        public Set<TaskKind> supportedKinds() {
            return Set.of(TaskKind.CLASSIFICATION);
        }

        @Override
        public List<HyperparameterSpec> hyperparameters() {
            return List.of();
        }

        @Override
        public Hyperparameters defaults(TaskKind kind) {
            return Hyperparameters.of(Map.of("width", 4));
        }

        @Override
        public TaskSpec trainingSpec(Hyperparameters hyperparameters, TaskSpec testSpec) {
            return new TaskSpec(testSpec.ways() * 2, testSpec.shots(), testSpec.queries());
        }

        @Override
        public List<PublishedResult> publishedResults() {
            return List.of(new PublishedResult("omniglot", "5w1s", 0.9, 0.01, "Stub et al., table 1"),
                    new PublishedResult("synthetic", "5w5s", 0.8, null, "Stub et al., table 2"),
                    new PublishedResult("synthetic", "5w1s", 0.7, null, "Stub et al., table 3"));
        }

        @Override
        public List<String> describe(Hyperparameters hyperparameters, TaskKind kind) {
            return List.of("width " + hyperparameters.getInt("width"), "second note");
        }

        @Override
        public MetaLearner create(Hyperparameters hyperparameters, LearnerContext context) {
            throw new UnsupportedOperationException("not trained here");
        }
    }

    private ResolvedDataset synthetic(DatasetEntry entry, String substituted) {
        return new ResolvedDataset(entry, DatasetProvider.registry().get("synthetic")
                .open(new DataOptions(dir, dir.resolve("cache"), 28, false)), substituted);
    }

    private static AlgorithmEntry entry(String label) {
        return new AlgorithmEntry(label, "stub", List.of(), Map.of("width", 8), Map.of(), List.of(), 1, Budget.DEFAULT);
    }

    private static DatasetEntry omniglot() {
        return new DatasetEntry("omniglot", "vinyals", 28, false, Optional.of("synthetic"), List.of(new Setting(5, 1, 15)));
    }

    @Test
    void notesAreTrainingStepsThenTheProvidersThenTrainedOnThenSubstituted() {
        StudyPlan plan = new StudyPlan(entry("stub"), omniglot(), new Setting(5, 1, 15));
        String notes = SweepRunner.notes(plan, new StubProvider(), synthetic(omniglot(), "omniglot is absent"));
        assertEquals(Budget.DEFAULT.finalTrainSteps() + " training steps; 15 queries per class; width 8; second note; trained on "
                + new TaskSpec(10, 1, 15) + "; data set substituted", notes);
        String plain = SweepRunner.notes(plan, new StubProvider(), synthetic(omniglot(), ""));
        assertEquals(Budget.DEFAULT.finalTrainSteps() + " training steps; 15 queries per class; width 8; second note; trained on "
                + new TaskSpec(10, 1, 15), plain);
    }

    @Test
    void thePublishedResultIsTheProvidersForTheDataSetUsedAndTheSetting() {
        StubProvider p = new StubProvider();
        assertEquals(0.7, p.publishedResult("synthetic", "5w1s").orElseThrow().value());
        assertEquals(0.9, p.publishedResult("omniglot", "5w1s").orElseThrow().value());
        assertEquals(Optional.empty(), p.publishedResult("omniglot", "20w1s"));
        assertEquals(Optional.empty(), (new AlgorithmProvider() {
            public String name() {
                return "none";
            }

            public String description() {
                return "states nothing";
            }

            public Set<TaskKind> supportedKinds() {
                return Set.of(TaskKind.CLASSIFICATION);
            }

            public List<HyperparameterSpec> hyperparameters() {
                return List.of();
            }

            public Hyperparameters defaults(TaskKind kind) {
                return Hyperparameters.empty();
            }

            public MetaLearner create(Hyperparameters h, LearnerContext c) {
                throw new UnsupportedOperationException();
            }
        }).publishedResult("synthetic", "5w1s"), "a provider that states no results gets none");
    }

    @Test
    void studiesAreNamedAfterTheDataSetActuallyUsed() {
        Setting s = new Setting(5, 1, 15);
        StudyPlan fallback = new StudyPlan(entry("stub"), omniglot(), s);
        Map<String, ResolvedDataset> resolved = new LinkedHashMap<>();
        resolved.put("omniglot", synthetic(omniglot(), "omniglot is absent; synthetic used instead"));
        assertEquals(List.of("stub-synthetic-5w1s"), List.copyOf(StudyNames.of(List.of(fallback), resolved).values()));
        assertEquals("stub-omniglot-vinyals-5w1s", fallback.studyName(), "the name in the suite stays as it was");

        DatasetEntry syntheticEntry = new DatasetEntry("synthetic", "", 28, false, Optional.empty(), List.of(s));
        resolved.put("synthetic", synthetic(syntheticEntry, ""));
        StudyPlan direct = new StudyPlan(entry("stub"), syntheticEntry, s);
        assertEquals(List.of("stub-synthetic-for-omniglot-vinyals-5w1s", "stub-synthetic-5w1s"),
                List.copyOf(StudyNames.of(List.of(fallback, direct), resolved).values()),
                "a substituted study does not take the name of the suite's own synthetic study");
    }

    @Test
    void aHeatMapMustNameTwoNumericSearchedParameters() {
        Map<String, dev.metatune.space.Distribution> search = Map.of("a", dev.metatune.space.Distribution.FloatRange
                .linear(0, 1), "b", new dev.metatune.space.Distribution.Categorical(List.of("x", "y")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AlgorithmEntry("l", "stub",
                List.of(), Map.of(), search, List.of(), 1, Budget.DEFAULT, List.of("a", "b")));
        assertEquals(true, e.getMessage().contains("'b'"), e.getMessage());
    }
}
