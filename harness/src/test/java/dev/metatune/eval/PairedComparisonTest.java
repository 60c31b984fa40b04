package dev.metatune.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PairedComparisonTest {

    @Test
    void consistentSmallGainIsSignificantWhenPaired() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 600;
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            double difficulty = random.nextDouble(0.5, 1.0);
            a[i] = difficulty;
            b[i] = difficulty - 0.01 - random.nextDouble(0, 0.01);
        }
        PairedComparison c = PairedComparison.of(a, b);
        assertTrue(c.meanDifference() > 0.01 && c.meanDifference() < 0.02, "mean difference " + c.meanDifference());
        assertTrue(c.wilcoxonP() < 1e-6, "wilcoxon p " + c.wilcoxonP());
        assertTrue(c.pairedTP() < 1e-6, "t p " + c.pairedTP());
    }

    @Test
    void noDifferenceIsNotSignificant() {
        SplittableRandom random = new SplittableRandom(5);
        double[] a = new double[200];
        double[] b = new double[200];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextDouble();
            b[i] = random.nextDouble();
        }
        PairedComparison c = PairedComparison.of(a, b);
        assertTrue(c.wilcoxonP() > 0.01, "wilcoxon p " + c.wilcoxonP());
    }

    @Test
    void identicalScoresGivePOne() {
        double[] a = {0.5, 0.6, 0.7};
        assertEquals(1.0, PairedComparison.of(a, a.clone()).wilcoxonP());
    }

    @Test
    void mismatchedEpisodesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> PairedComparison.of(new double[3], new double[4]));
    }
}
