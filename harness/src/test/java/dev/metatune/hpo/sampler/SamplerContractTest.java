package dev.metatune.hpo.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.Objective;
import dev.metatune.hpo.Sampler;
import dev.metatune.hpo.SamplerProvider;
import dev.metatune.hpo.Study;
import dev.metatune.hpo.Trial;
import dev.metatune.hpo.TrialPrunedException;
import dev.metatune.hpo.TrialState;
import dev.metatune.hpo.storage.InMemoryStorage;
import dev.metatune.space.Distribution;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every registered sampler must do; a new sampler is tested by being registered. */
class SamplerContractTest {

    /** Every distribution kind the samplers must handle. */
    static final Map<String, Distribution> SPACE = new LinkedHashMap<>();

    static {
        SPACE.put("lin", Distribution.FloatRange.linear(-2, 3));
        SPACE.put("log", Distribution.FloatRange.logScale(1e-4, 1));
        SPACE.put("stepped", new Distribution.FloatRange(0, 1, false, 0.25));
        SPACE.put("int", new Distribution.IntRange(-3, 9, 3, false));
        SPACE.put("intlog", new Distribution.IntRange(1, 1024, 1, true));
        SPACE.put("cat", new Distribution.Categorical(List.of("a", "b", "c")));
        SPACE.put("single", Distribution.FloatRange.linear(2, 2));
    }

    static List<String> samplers() {
        return SamplerProvider.registry().names();
    }

    static Sampler create(String name, long seed) {
        Map<String, Object> options = name.equals("grid")
                ? Map.of("search_space", GridSampler.fromDistributions(SPACE, 3)) : Map.of();
        return SamplerProvider.byName(name, seed, options);
    }

    private static final Objective OBJECTIVE = trial -> {
        double v = 0;
        for (Map.Entry<String, Distribution> e : SPACE.entrySet()) {
            Object x = trial.suggest(e.getKey(), e.getValue());
            v += x instanceof Number n ? Math.abs(n.doubleValue()) : x.equals("b") ? 0 : 1;
        }
        if (trial.number() % 7 == 6) {
            trial.report(1, v);
            throw new TrialPrunedException();
        }
        return v;
    };

    private static List<Map<String, Object>> run(String name, long seed, int n) {
        Study study = Study.builder(new InMemoryStorage(), "contract").setSampler(create(name, seed)).create();
        study.optimize(OBJECTIVE, n);
        return study.trials().stream().map(FrozenTrial::params).toList();
    }

    @ParameterizedTest
    @MethodSource("samplers")
    void valuesLieInTheirDistributions(String name) {
        for (Map<String, Object> params : run(name, 11, 30)) {
            for (Map.Entry<String, Distribution> e : SPACE.entrySet()) {
                Object v = params.get(e.getKey());
                assertTrue(e.getValue().contains(v), name + ": " + e.getKey() + " = " + v + " outside " + e.getValue());
            }
            assertEquals(2.0, params.get("single"));
        }
    }

    @ParameterizedTest
    @MethodSource("samplers")
    void theSameSeedGivesTheSameTrialsAndAnotherSeedOthers(String name) {
        List<Map<String, Object>> a = run(name, 42, 25);
        assertEquals(a, run(name, 42, 25), name + " is not reproducible");
        assertNotEquals(a, run(name, 43, 25), name + " ignores its seed");
    }

    @ParameterizedTest
    @MethodSource("samplers")
    void conditionalAndEnqueuedParametersWork(String name) {
        Study study = Study.builder(new InMemoryStorage(), "conditional").setSampler(create(name, 7)).create();
        study.enqueueTrial(Map.of("cat", "c", "lin", 1.5));
        study.optimize(trial -> {
            String c = trial.suggestCategorical("cat", List.of("a", "b", "c"));
            double lin = trial.suggestFloat("lin", -2, 3);
            return c.equals("a") ? lin + trial.suggestFloat("only_a", 0, 1) : lin * lin;
        }, 20);
        List<FrozenTrial> trials = study.trials();
        assertEquals(Map.of("cat", "c", "lin", 1.5), trials.get(0).params());
        for (FrozenTrial t : trials) {
            assertEquals(t.params().get("cat").equals("a"), t.params().containsKey("only_a"));
            assertTrue(t.state() == TrialState.COMPLETE, t.toString());
        }
    }

    @ParameterizedTest
    @MethodSource("samplers")
    void askAndTellWorkWithoutOptimize(String name) {
        Study study = Study.builder(new InMemoryStorage(), "asktell").setSampler(create(name, 3)).create();
        for (int i = 0; i < 15; i++) {
            Trial t = study.ask();
            double x = t.suggestFloat("lin", -2, 3);
            study.tell(t, x * x);
        }
        assertEquals(15, study.trials(java.util.Set.of(TrialState.COMPLETE)).size());
    }
}
