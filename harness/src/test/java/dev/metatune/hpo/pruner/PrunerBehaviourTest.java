package dev.metatune.hpo.pruner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.hpo.PrunerProvider;
import dev.metatune.plugin.UnknownPluginException;
import dev.metatune.hpo.Study;
import dev.metatune.hpo.StudyDirection;
import dev.metatune.hpo.Trial;
import dev.metatune.hpo.sampler.RandomSampler;
import dev.metatune.hpo.storage.InMemoryStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrunerBehaviourTest {

    private static void completed(Study study, double... curve) {
        Trial t = study.ask();
        for (int i = 0; i < curve.length; i++) {
            t.report(i, curve[i]);
        }
        study.tell(t, curve[curve.length - 1]);
    }

    @Test
    void medianRespectsStartupWarmupAndMinTrials() {
        Study study = Study.builder(new InMemoryStorage(), "median").setSampler(new RandomSampler(0)).optPruner(new MedianPruner(2, 2, 1, 2)).create();
        completed(study, 1.0, 0.8, 0.6, 0.4);
        Trial bad = study.ask();
        bad.report(3, 5.0);
        assertFalse(bad.shouldPrune(), "fewer than n_startup_trials complete trials");
        completed(study, 1.0, 0.7, 0.5, 0.3);
        Trial early = study.ask();
        early.report(1, 5.0);
        assertFalse(early.shouldPrune(), "still warming up");
        early.report(2, 5.0);
        assertTrue(early.shouldPrune(), "worse than the median at step 2");
        Trial good = study.ask();
        good.report(2, 0.4);
        assertFalse(good.shouldPrune());
        Trial lonely = study.ask();
        lonely.report(9, 5.0);
        assertFalse(lonely.shouldPrune(), "no complete trial reported at step 9");
    }

    @Test
    void percentileFollowsTheDirection() {
        Study study = Study.builder(new InMemoryStorage(), "pct").setSampler(new RandomSampler(0)).optDirection(StudyDirection.MAXIMIZE)
                .optPruner(new PercentilePruner(25, 0, 0, 1, 1)).create();
        for (double v : new double[] {0.1, 0.2, 0.3, 0.4, 0.5}) {
            completed(study, v);
        }
        Trial low = study.ask();
        low.report(0, 0.25);
        assertTrue(low.shouldPrune(), "below the top quarter (0.4)");
        Trial high = study.ask();
        high.report(0, 0.45);
        assertFalse(high.shouldPrune());
    }

    @Test
    void ashaPromotesOnlyTheTopFractionOfEachRung() {
        Study study = Study.builder(new InMemoryStorage(), "asha").setSampler(new RandomSampler(0)).optPruner(new SuccessiveHalvingPruner(1, 2, 0, 0)).create();
        List<Boolean> decisions = new ArrayList<>();
        for (double v : new double[] {0.5, 0.4, 0.9, 0.1}) {
            Trial t = study.ask();
            t.report(1, v);
            decisions.add(t.shouldPrune());
            study.tell(t, v);
        }
        // rung 0 at step 1: 0.5 alone is promoted; 0.4 is the best of two; 0.9 the worst of three; 0.1 the best
        assertEquals(List.of(false, false, true, false), decisions);
    }

    @Test
    void hyperbandSpreadsTrialsOverItsBrackets() {
        HyperbandPruner hb = new HyperbandPruner(1, 81, 3, 7);
        assertEquals(5, hb.bracketCount());
        int[] counts = new int[5];
        for (int n = 0; n < 2000; n++) {
            counts[hb.bracketOf(n)]++;
        }
        for (int c : counts) {
            // budgets 81, 34, 15, 8, 5 of 143: the last bracket expects 70 of 2000
            assertTrue(c > 40, "every bracket gets trials: " + java.util.Arrays.toString(counts));
        }
        assertTrue(counts[0] > counts[4], "the most aggressive bracket has the largest budget");
        assertThrows(IllegalArgumentException.class, () -> new HyperbandPruner(10, 5, 3, 0));
    }

    @Test
    void wilcoxonPrunesOnlyWhatIsSignificantlyWorseThanTheBest() {
        Study study = Study.builder(new InMemoryStorage(), "wilcoxon").setSampler(new RandomSampler(0)).optDirection(StudyDirection.MAXIMIZE)
                .optPruner(new WilcoxonPruner(0.05, 2)).create();
        double[] best = new double[25];
        for (int i = 0; i < best.length; i++) {
            best[i] = 0.8 + 0.1 * Math.sin(i);
        }
        Trial first = study.ask();
        first.report(1, 0.8, best);
        study.tell(first, 0.8);
        Trial worse = study.ask();
        double[] w = best.clone();
        for (int i = 0; i < w.length; i++) {
            w[i] -= 0.03 + 0.01 * Math.cos(i);
        }
        worse.report(1, 0.77, w);
        assertTrue(worse.shouldPrune());
        Trial tied = study.ask();
        double[] t = best.clone();
        for (int i = 0; i < t.length; i++) {
            t[i] += (i % 2 == 0 ? 0.02 : -0.02);
        }
        tied.report(1, 0.8, t);
        assertFalse(tied.shouldPrune(), "no consistent difference");
        Trial few = study.ask();
        few.report(1, 0.5, new double[] {0.5});
        assertFalse(few.shouldPrune(), "fewer than n_startup_steps pairs");
    }

    @Test
    void wilcoxonPValuesAreOneSided() {
        List<Double> allPositive = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            allPositive.add((double) i);
        }
        double p = WilcoxonPruner.pWorse(allPositive);
        assertEquals(1.0 / 1024, p, 1e-9, "exact one-sided p of 10 positive differences");
        List<Double> allNegative = allPositive.stream().map(x -> -x).toList();
        assertTrue(WilcoxonPruner.pWorse(allNegative) > 0.99);
    }

    @Test
    void factoryErrorsNameTheUnknown() {
        UnknownPluginException a = assertThrows(UnknownPluginException.class, () -> PrunerProvider.byName("bogus", 0, Map.of()));
        assertTrue(a.getMessage().contains("'bogus'") && a.getMessage().contains("median"), a.getMessage());
        IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
                () -> PrunerProvider.byName("median", 0, Map.of("warmup", 3)));
        assertTrue(b.getMessage().contains("'warmup'") && b.getMessage().contains("n_warmup_steps"), b.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PrunerProvider.byName("median", 0, Map.of("n_warmup_steps", "x")));
    }
}
