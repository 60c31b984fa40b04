package dev.metatune.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Episodes' accuracies by presentation become one row per presentation, and a result keeps them. */
class PresentationTallyTest {

    @Test
    void rowsHoldEachPresentationAcrossEpisodes() {
        PresentationTally tally = new PresentationTally();
        tally.add(new double[] {0.2, 0.8, 0.9});
        tally.add(new double[] {0.4, 0.6, 0.7});
        double[][] rows = tally.rows();
        assertEquals(3, rows.length);
        assertArrayEquals(new double[] {0.2, 0.4}, rows[0]);
        assertArrayEquals(new double[] {0.9, 0.7}, rows[2]);

        EvaluationResult result = EvaluationResult.of(Metric.ACCURACY, new double[] {0.9, 0.7}, 1.0).withPresentations(rows);
        List<MeanInterval> curve = result.presentationCurve();
        assertEquals(3, curve.size());
        assertEquals(0.3, curve.get(0).mean(), 1e-12);
        assertEquals(0.8, curve.get(2).mean(), 1e-12);
        assertEquals(0, EvaluationResult.of(Metric.ACCURACY, new double[] {0.9, 0.7}, 1.0).presentationCurve().size());
    }

    @Test
    void episodesOfDifferentShotsGiveNoRows() {
        PresentationTally tally = new PresentationTally();
        assertEquals(0, tally.rows().length);
        tally.add(new double[] {0.2, 0.8});
        tally.add(new double[] {0.4, 0.6, 0.7});
        assertEquals(0, tally.rows().length);
    }
}
