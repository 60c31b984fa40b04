package dev.metatune.hpo.pruner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.Pruner;
import dev.metatune.hpo.PrunerProvider;
import dev.metatune.hpo.Study;
import dev.metatune.hpo.StudyDirection;
import dev.metatune.hpo.Trial;
import dev.metatune.hpo.TrialPrunedException;
import dev.metatune.hpo.TrialState;
import dev.metatune.hpo.sampler.RandomSampler;
import dev.metatune.hpo.storage.InMemoryStorage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every registered pruner must do; a new pruner is tested by being registered. */
class PrunerContractTest {

    static List<String> pruners() {
        return PrunerProvider.registry().names();
    }

    static Pruner create(String name) {
        Map<String, Object> options = switch (name) {
            case "percentile" -> Map.of("percentile", 25, "n_startup_trials", 3);
            case "median" -> Map.of("n_startup_trials", 3);
            case "hyperband" -> Map.of("min_resource", 1, "max_resource", 27);
            default -> Map.of();
        };
        return PrunerProvider.byName(name, 0, options);
    }

    /** Learning curves: a trial's quality q in [0, 1] sets its accuracy at every step. */
    private static double run(Trial trial) {
        double q = trial.suggestFloat("q", 0, 1);
        for (int step = 1; step <= 27; step++) {
            double acc = q * (1 - Math.exp(-step / 5.0));
            double[] episodes = new double[20];
            for (int e = 0; e < episodes.length; e++) {
                episodes[e] = acc + 0.02 * Math.sin(e * 1.7 + step);
            }
            trial.report(step, acc, episodes);
            if (trial.shouldPrune()) {
                throw new TrialPrunedException();
            }
        }
        return q * (1 - Math.exp(-27 / 5.0));
    }

    @ParameterizedTest
    @MethodSource("pruners")
    void aTrialWithoutReportsIsNeverPruned(String name) {
        Study study = Study.builder(new InMemoryStorage(), "empty").setSampler(new RandomSampler(0)).optPruner(create(name)).create();
        study.optimize(t -> t.suggestFloat("x", 0, 1), 5);
        Trial t = study.ask();
        assertFalse(t.shouldPrune());
    }

    @ParameterizedTest
    @MethodSource("pruners")
    void prunedTrialsAreWorseThanTheBestAndTheBestSurvives(String name) {
        Study study = Study.builder(new InMemoryStorage(), "curves").optDirection(StudyDirection.MAXIMIZE)
                .setSampler(new RandomSampler(5)).optPruner(create(name)).create();
        study.enqueueTrial(Map.of("q", 1.0));
        study.optimize(PrunerContractTest::run, 40);
        List<FrozenTrial> trials = study.trials();
        FrozenTrial best = study.bestTrial().orElseThrow();
        assertEquals(0, best.number(), "the best configuration (run first) is never pruned");
        List<FrozenTrial> pruned = study.trials(Set.of(TrialState.PRUNED));
        for (FrozenTrial t : pruned) {
            assertTrue((Double) t.params().get("q") < 1.0, name + " pruned a trial as good as the best: " + t);
        }
        if (!name.equals("nop")) {
            assertFalse(pruned.isEmpty(), name + " pruned nothing in 40 trials of mostly worse curves");
        } else {
            assertTrue(pruned.isEmpty());
        }
        assertEquals(40, trials.size());
    }
}
