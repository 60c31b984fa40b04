package dev.metatune.hpo.importance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.space.Distribution;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Importance shares sum to one where the trials can tell the parameters apart, and are NaN (shown as
 * n/a) where they cannot, instead of zeros that read as "does not matter".
 */
class ImportanceSharesTest {

    private static final List<String> NAMES = List.of("x", "y");
    private static final List<Distribution> SPACE =
            List.of(Distribution.FloatRange.linear(-1, 1), Distribution.FloatRange.linear(-1, 1));

    private static ImportanceInput trials(int n, long seed) {
        Random random = new Random(seed);
        double[][] values = new double[n][2];
        double[] losses = new double[n];
        for (int i = 0; i < n; i++) {
            values[i][0] = 2 * random.nextDouble() - 1;
            values[i][1] = 2 * random.nextDouble() - 1;
            losses[i] = 10 * values[i][0] * values[i][0] + 0.1 * values[i][1];
        }
        return new ImportanceInput(NAMES, SPACE, values, losses);
    }

    @Test
    void pedAnovaOfTwoTrialsIsNotANumberBecauseItsBestTwoAreAllTrials() {
        Map<String, Double> shares = new PedAnova().evaluate(trials(2, 1));
        assertTrue(shares.values().stream().allMatch(v -> v.isNaN()), shares.toString());
    }

    @Test
    void fanovaOfAnObjectiveThatDoesNotVaryIsNotANumber() {
        ImportanceInput varying = trials(20, 2);
        ImportanceInput flat = new ImportanceInput(NAMES, SPACE, varying.values(), new double[20]);
        Map<String, Double> shares = new Fanova(16, 0).evaluate(flat);
        assertTrue(shares.values().stream().allMatch(v -> v.isNaN()), shares.toString());
    }

    @Test
    void sharesFromEnoughTrialsSumToOneAndRankTheParameterThatMattersFirst() {
        ImportanceInput input = trials(60, 3);
        for (ImportanceEvaluator evaluator : List.of(new PedAnova(), new Fanova(32, 0))) {
            Map<String, Double> shares = evaluator.evaluate(input);
            assertEquals(1.0, shares.get("x") + shares.get("y"), 1e-9, evaluator.name() + " " + shares);
            assertTrue(shares.get("x") > shares.get("y"), evaluator.name() + " " + shares);
        }
    }
}
