package dev.metatune.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MeanIntervalTest {

    @Test
    void intervalIsPopulationStdTimes196OverRootN() {
        double[] values = {0.8, 0.9, 1.0, 0.7};
        double mean = 0.85;
        double var = (0.0025 + 0.0025 + 0.0225 + 0.0225) / 4;
        MeanInterval m = MeanInterval.of(values);
        assertEquals(mean, m.mean(), 1e-12);
        assertEquals(Math.sqrt(var), m.std(), 1e-12);
        assertEquals(1.96 * Math.sqrt(var) / 2, m.ci95(), 1e-12);
        assertEquals(4, m.n());
    }

    @Test
    void constantValuesHaveZeroWidth() {
        MeanInterval m = MeanInterval.of(new double[] {1, 1, 1});
        assertEquals(0, m.ci95());
    }

    @Test
    void emptyIsRejectedWithReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MeanInterval.of(new double[0]));
        assertEquals("a mean needs at least one value, got none", e.getMessage());
    }
}
