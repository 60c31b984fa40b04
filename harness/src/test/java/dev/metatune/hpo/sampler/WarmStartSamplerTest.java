package dev.metatune.hpo.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.PriorTrials;
import dev.metatune.hpo.Sampler;
import dev.metatune.hpo.Study;
import dev.metatune.hpo.StudyDirection;
import dev.metatune.hpo.TrialState;
import dev.metatune.hpo.storage.InMemoryStorage;
import dev.metatune.space.Distribution;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * The warm start: a prior from an earlier study of a related function moves a sampler's first
 * proposals toward that study's optimum, and its trials are neither stored nor counted as trials of
 * the warmed study.
 */
class WarmStartSamplerTest {

    private static final Distribution X = Distribution.FloatRange.linear(-5, 5);
    private static final Distribution Y = Distribution.FloatRange.linear(-5, 5);
    /** The earlier study's optimum; the warmed study's is nearby (a related problem). */
    private static final double EARLIER_X = 2.5;
    private static final double EARLIER_Y = -3.0;

    private static double earlier(double x, double y) {
        return (x - EARLIER_X) * (x - EARLIER_X) + (y - EARLIER_Y) * (y - EARLIER_Y);
    }

    /** 30 random trials of the earlier function, as a finished study in its own storage. */
    private static PriorTrials prior() {
        InMemoryStorage storage = new InMemoryStorage();
        Study source = Study.builder(storage, "earlier").setSampler(new RandomSampler(99)).create();
        source.optimize(t -> earlier(t.suggestFloat("x", -5, 5), t.suggestFloat("y", -5, 5)), 30);
        Map<String, Distribution> space = new LinkedHashMap<>();
        space.put("x", X);
        space.put("y", Y);
        return new PriorTrials(List.of(PriorTrials.source("earlier", source.trials(), StudyDirection.MINIMIZE, space)));
    }

    /** Median over seeds of the mean distance of the first {@code first} proposals to the earlier optimum. */
    private static double medianDistance(LongFunction<Sampler> sampler, PriorTrials prior, int first) {
        int seeds = 9;
        double[] d = new double[seeds];
        for (int s = 0; s < seeds; s++) {
            Study study = Study.builder(new InMemoryStorage(), "warmed").setSampler(sampler.apply(s)).optPrior(prior).create();
            study.optimize(t -> earlier(t.suggestFloat("x", -5, 5) - 0.3, t.suggestFloat("y", -5, 5)), first);
            double sum = 0;
            for (FrozenTrial t : study.trials()) {
                double dx = (Double) t.params().get("x") - EARLIER_X;
                double dy = (Double) t.params().get("y") - EARLIER_Y;
                sum += Math.sqrt(dx * dx + dy * dy);
            }
            d[s] = sum / first;
        }
        Arrays.sort(d);
        return d[seeds / 2];
    }

    @Test
    void tpePriorMovesTheFirstProposalsTowardTheEarlierOptimum() {
        PriorTrials prior = prior();
        double cold = medianDistance(TpeSampler::new, PriorTrials.NONE, 5);
        double warm = medianDistance(TpeSampler::new, prior, 5);
        assertTrue(warm < cold / 2, "warm " + warm + " vs cold " + cold);
        double independent = medianDistance(s -> new TpeSampler(s, TpeSampler.Settings.optuna31()), prior, 5);
        assertTrue(independent < cold / 2, "independent warm " + independent + " vs cold " + cold);
    }

    @Test
    void cmaEsStartsFromTheEarlierBestRegion() {
        PriorTrials prior = prior();
        double cold = medianDistance(CmaEsSampler::new, PriorTrials.NONE, 5);
        double warm = medianDistance(CmaEsSampler::new, prior, 5);
        assertTrue(warm < cold / 2, "warm " + warm + " vs cold " + cold);
    }

    @Test
    void aSamplerThatIgnoresThePriorDrawsAsWithout() {
        PriorTrials prior = prior();
        assertFalse(new RandomSampler(1).usesPrior());
        assertEquals(medianDistance(RandomSampler::new, PriorTrials.NONE, 5), medianDistance(RandomSampler::new, prior, 5));
    }

    @Test
    void thePriorsTrialsAreNeitherStoredNorCounted() {
        PriorTrials prior = prior();
        InMemoryStorage storage = new InMemoryStorage();
        Study study = Study.builder(storage, "warmed").setSampler(new TpeSampler(3)).optPrior(prior).create();
        study.optimize(t -> earlier(t.suggestFloat("x", -5, 5), t.suggestFloat("y", -5, 5)), 4);
        List<FrozenTrial> trials = study.trials();
        assertEquals(4, trials.size());
        assertEquals(List.of(0, 1, 2, 3), trials.stream().map(FrozenTrial::number).toList());
        assertTrue(trials.stream().allMatch(t -> t.state() == TrialState.COMPLETE));
        assertEquals(List.of("warmed"), storage.studies().stream().map(s -> s.name()).toList());
        // no stored value of the warmed study is one of the earlier study's values
        List<Map<String, Object>> earlierParams = prior.sources().get(0).observations().stream()
                .map(PriorTrials.Observation::params).toList();
        for (FrozenTrial t : trials) {
            assertFalse(earlierParams.contains(t.params()), "trial " + t.number() + " copies an earlier trial");
        }
        assertEquals(trials.stream().mapToDouble(FrozenTrial::value).min().orElseThrow(),
                study.bestTrial().orElseThrow().value());
    }

    @Test
    void sourceKeepsOnlyThisStudysParametersAndRanksValues() {
        InMemoryStorage storage = new InMemoryStorage();
        Study source = Study.builder(storage, "earlier").setSampler(new RandomSampler(5)).optDirection(StudyDirection.MAXIMIZE)
                .create();
        source.optimize(t -> t.suggestFloat("x", -5, 5) + 0 * t.suggestFloat("other", 0, 1), 8);
        Distribution narrow = Distribution.FloatRange.linear(0, 5);
        PriorTrials.Source s = PriorTrials.source("earlier", source.trials(), StudyDirection.MAXIMIZE, Map.of("x", narrow));
        assertTrue(s.observations().size() < 8, "values of x outside [0, 5] must be dropped");
        double previousX = Double.POSITIVE_INFINITY;
        double previousQ = 0;
        for (PriorTrials.Observation o : s.observations()) {
            assertEquals(List.of("x"), List.copyOf(o.params().keySet()));
            assertEquals(narrow, o.distributions().get("x"));
            double x = (Double) o.params().get("x");
            assertTrue(x <= previousX, "maximised: best (largest x) first");
            assertTrue(o.quantile() > previousQ && o.quantile() < 1);
            previousX = x;
            previousQ = o.quantile();
        }
    }
}
