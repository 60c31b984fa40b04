package dev.metatune.hpo.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.Sampler;
import dev.metatune.hpo.Study;
import dev.metatune.hpo.StudyDirection;
import dev.metatune.hpo.TrialState;
import dev.metatune.hpo.storage.InMemoryStorage;
import dev.metatune.space.Distribution;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

/** What each sampler does beyond the contract. */
class SamplerBehaviourTest {

    private static double medianBest(LongFunction<Sampler> sampler, int seeds, int trials) {
        double[] best = new double[seeds];
        for (int s = 0; s < seeds; s++) {
            Study study = Study.builder(new InMemoryStorage(), "q").setSampler(sampler.apply(s)).create();
            study.optimize(t -> {
                double x = t.suggestFloat("x", -5, 5);
                double y = t.suggestFloat("y", -5, 5);
                return (x - 1.3) * (x - 1.3) + (y + 0.7) * (y + 0.7);
            }, trials);
            best[s] = study.bestTrial().orElseThrow().value();
        }
        Arrays.sort(best);
        return best[seeds / 2];
    }

    @Test
    void tpeAndCmaEsBeatRandomOnAQuadratic() {
        double random = medianBest(RandomSampler::new, 15, 40);
        double tpe = medianBest(TpeSampler::new, 15, 40);
        double cma = medianBest(CmaEsSampler::new, 15, 40);
        assertTrue(tpe < random / 2, "tpe " + tpe + " vs random " + random);
        assertTrue(cma < random / 2, "cmaes " + cma + " vs random " + random);
    }

    @Test
    void independentTpeWithOptunasDefaultsBeatsRandom() {
        double random = medianBest(RandomSampler::new, 5, 40);
        double tpe = medianBest(s -> new TpeSampler(s, TpeSampler.Settings.optuna31()), 5, 40);
        assertTrue(tpe < random / 2, "independent tpe " + tpe + " vs random " + random);
    }

    @Test
    void candidateScoresMatchOptuna31sParzenEstimator() {
        // Optuna 3.1's _ParzenEstimator(...).log_pdf on these observations, univariate, default parameters
        double[][] obs = {{0.3}, {-2.0}, {7.5}, {9.9}, {1.1}, {1.2}};
        Distribution[] lin = {Distribution.FloatRange.linear(-5, 10)};
        ParzenEstimator pe = new ParzenEstimator(lin, obs, TpeSampler.defaultWeights(6), 1.0, false, false);
        double[][] expected = {{-5, -1.79272657}, {1, -0.96891462}, {5.5, -1.36361527}, {10, -1.15527235}};
        for (double[] e : expected) {
            assertEquals(e[1], pe.logScore(new double[] {e[0]}), 1e-7, "at " + e[0]);
        }
        double[][] logObs = {{1e-3}, {2e-2}, {0.5}, {1e-4}};
        Distribution[] log = {Distribution.FloatRange.logScale(1e-5, 1)};
        ParzenEstimator pl = new ParzenEstimator(log, logObs, TpeSampler.defaultWeights(4), 1.0, false, false);
        assertEquals(-0.848443888, pl.logScore(new double[] {3e-3}), 1e-7);
        // negative control: the proper density is another function
        assertTrue(Math.abs(pe.logPdf(new double[] {1}) - pe.logScore(new double[] {1})) > 0.5);
    }

    @Test
    void parzenDensitiesIntegrateToOne() {
        double[][] obs = {{0.3}, {0.35}, {0.9}, {-0.5}};
        Distribution[] lin = {Distribution.FloatRange.linear(-1, 1)};
        ParzenEstimator pe = new ParzenEstimator(lin, obs, TpeSampler.defaultWeights(4), 1.0, false, false);
        double sum = 0;
        int n = 20000;
        for (int i = 0; i < n; i++) {
            sum += Math.exp(pe.logPdf(new double[] {-1 + (i + 0.5) * 2.0 / n})) * 2.0 / n;
        }
        assertEquals(1.0, sum, 1e-3);
        Distribution[] ints = {new Distribution.IntRange(0, 10, 2, false)};
        ParzenEstimator pi = new ParzenEstimator(ints, new double[][] {{2}, {4}, {4}}, TpeSampler.defaultWeights(3), 1.0,
                false, false);
        double mass = 0;
        for (int v = 0; v <= 10; v += 2) {
            mass += Math.exp(pi.logPdf(new double[] {v}));
        }
        assertEquals(1.0, mass, 1e-9);
        assertTrue(pi.logPdf(new double[] {4}) > pi.logPdf(new double[] {10}));
        Distribution[] cat = {new Distribution.Categorical(List.of("a", "b", "c"))};
        ParzenEstimator pc = new ParzenEstimator(cat, new double[][] {{1}, {1}}, TpeSampler.defaultWeights(2), 1.0,
                false, false);
        double cm = 0;
        for (int c = 0; c < 3; c++) {
            cm += Math.exp(pc.logPdf(new double[] {c}));
        }
        assertEquals(1.0, cm, 1e-12);
        assertTrue(pc.logPdf(new double[] {1}) > pc.logPdf(new double[] {0}));
    }

    @Test
    void parzenSamplesFollowTheObservations() {
        Distribution[] log = {Distribution.FloatRange.logScale(1e-5, 1)};
        double[][] obs = new double[20][];
        for (int i = 0; i < obs.length; i++) {
            obs[i] = new double[] {1e-3 * (1 + 0.01 * i)};
        }
        ParzenEstimator pe = new ParzenEstimator(log, obs, TpeSampler.defaultWeights(20), 1.0, false, false);
        int near = 0;
        for (double[] x : pe.sample(new MersenneTwister(1), new Gaussian(), 400)) {
            assertTrue(x[0] >= 1e-5 && x[0] <= 1);
            if (x[0] > 3e-4 && x[0] < 3e-3) {
                near++;
            }
        }
        assertTrue(near > 250, "most draws lie near the observations on the log scale: " + near);
    }

    @Test
    void defaultWeightsAndGammaFollowOptuna() {
        assertEquals(1, TpeSampler.defaultGamma(10));
        assertEquals(5, TpeSampler.defaultGamma(41));
        assertEquals(25, TpeSampler.defaultGamma(1000));
        double[] w = TpeSampler.defaultWeights(30);
        assertEquals(1.0 / 30, w[0], 1e-12);
        assertEquals(1.0, w[29]);
        assertEquals(1.0, w[5]);
        assertTrue(w[1] > w[0] && w[4] > w[3]);
    }

    @Test
    void prunedTrialsRankAfterCompleteOnesByTheStepTheyReached() {
        Study study = Study.builder(new InMemoryStorage(), "rank").setSampler(new RandomSampler(0)).optDirection(StudyDirection.MAXIMIZE).create();
        double[][] plan = {{5, -1}, {1, 3}, {2, 8}, {9, -1}, {4, 8}};
        for (double[] p : plan) {
            var t = study.ask();
            if (p[1] < 0) {
                study.tell(t, p[0]);
            } else {
                t.report((long) p[1], p[0]);
                study.tell(t, TrialState.PRUNED);
            }
        }
        List<Integer> order = TpeSampler.rank(study.trials(), StudyDirection.MAXIMIZE).stream().map(FrozenTrial::number).toList();
        assertEquals(List.of(3, 0, 4, 2, 1), order);
    }

    @Test
    void gridRunsEveryCombinationOnceThenStops() {
        Map<String, List<Object>> grid = Map.of("a", List.of(1, 2), "b", List.of("x", "y", "z"));
        Study study = Study.builder(new InMemoryStorage(), "grid").setSampler(new GridSampler(grid, 0)).create();
        study.optimize(t -> t.suggestInt("a", 1, 2) + t.suggestCategorical("b", List.of("x", "y", "z")).length(), 100);
        List<FrozenTrial> trials = study.trials();
        assertEquals(6, trials.size(), "the grid stops the study when exhausted");
        Set<Map<String, Object>> seen = new HashSet<>();
        for (FrozenTrial t : trials) {
            seen.add(t.params());
        }
        assertEquals(6, seen.size());
    }

    @Test
    void sobolPointsAreWellSpreadAndShiftedBySeed() {
        Study study = Study.builder(new InMemoryStorage(), "sobol").setSampler(new SobolSampler(9)).create();
        study.optimize(t -> t.suggestFloat("x", 0, 1) + t.suggestFloat("y", 0, 1), 65);
        int[] cells = new int[16];
        List<Double> firstX = new ArrayList<>();
        for (FrozenTrial t : study.trials().subList(1, 65)) {
            double x = (Double) t.params().get("x");
            double y = (Double) t.params().get("y");
            cells[(int) (x * 4) * 4 + (int) (y * 4)]++;
            firstX.add(x);
        }
        for (int c : cells) {
            // 64 shifted Sobol points fill 16 cells nearly evenly; uniform random points do so with p < 0.001
            assertTrue(c >= 3 && c <= 5, "cells: " + Arrays.toString(cells));
        }
        Study other = Study.builder(new InMemoryStorage(), "sobol").setSampler(new SobolSampler(10)).create();
        other.optimize(t -> t.suggestFloat("x", 0, 1) + t.suggestFloat("y", 0, 1), 3);
        assertTrue(!firstX.get(1).equals(other.trials().get(2).params().get("x")));
    }

    @Test
    void cmaEsMinimisesASphereInTheUnitCube() {
        double[] target = {0.3, 0.7, 0.45, 0.6, 0.2};
        CmaEs es = new CmaEs(new double[] {0.5, 0.5, 0.5, 0.5, 0.5}, 0.2, 0);
        MersenneTwister rng = new MersenneTwister(4);
        double best = Double.POSITIVE_INFINITY;
        for (int g = 0; g < 150; g++) {
            double[][] xs = new double[es.populationSize()][];
            double[] f = new double[xs.length];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = es.ask(rng);
                for (int j = 0; j < target.length; j++) {
                    f[i] += (xs[i][j] - target[j]) * (xs[i][j] - target[j]) * (j + 1);
                }
                best = Math.min(best, f[i]);
            }
            es.tell(xs, f);
        }
        assertTrue(best < 1e-8, "CMA-ES converges on an ill-conditioned sphere, best " + best);
    }

    @Test
    void cmaEsSamplerResumesItsStateFromTheStoredTrials() {
        InMemoryStorage storage = new InMemoryStorage();
        Study first = Study.builder(storage, "cma").setSampler(new CmaEsSampler(1)).create();
        first.optimize(t -> Math.pow(t.suggestFloat("x", -1, 1) - 0.2, 2) + Math.pow(t.suggestFloat("y", -1, 1), 2), 30);
        Study resumed = Study.builder(storage, "cma").setSampler(new CmaEsSampler(1)).load();
        resumed.optimize(t -> Math.pow(t.suggestFloat("x", -1, 1) - 0.2, 2) + Math.pow(t.suggestFloat("y", -1, 1), 2), 1);
        Object generation = resumed.trials().get(30).systemAttrs().get(CmaEsSampler.GENERATION);
        assertTrue(((Number) generation).intValue() >= 4, "the resumed sampler replays the told generations: " + generation);
    }

    @Test
    void tpeLearnsWhichBranchOfAConditionalSpaceIsBetter() {
        Study study = Study.builder(new InMemoryStorage(), "branches").setSampler(new TpeSampler(2)).create();
        study.optimize(t -> {
            if (t.suggestCategorical("kind", List.of("good", "bad")).equals("good")) {
                double x = t.suggestFloat("x", 0, 1);
                return (x - 0.3) * (x - 0.3);
            }
            double y = t.suggestFloat("y", 0, 1);
            return 1 + (y - 0.5) * (y - 0.5);
        }, 50);
        List<FrozenTrial> late = study.trials().subList(30, 50);
        long good = late.stream().filter(t -> t.params().get("kind").equals("good")).count();
        assertTrue(good >= 15, "TPE should mostly pick the better branch late on, got " + good + " of 20");
        double[] xs = late.stream().filter(t -> t.params().containsKey("x"))
                .mapToDouble(t -> Math.abs((Double) t.params().get("x") - 0.3)).sorted().toArray();
        // uniform draws would give a median distance of 0.25
        assertTrue(xs[xs.length / 2] < 0.15, "and concentrate x near 0.3: " + Arrays.toString(xs));
    }
}
