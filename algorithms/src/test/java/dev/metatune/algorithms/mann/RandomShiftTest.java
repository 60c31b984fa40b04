package dev.metatune.algorithms.mann;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.task.Examples;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Random translations of training images: offsets within the bound, every offset drawn, content moved whole. */
class RandomShiftTest {

    private static final int SIDE = 9;

    /** One image with a single ink pixel at (row, column). */
    private static Examples dot(int row, int column, int count) {
        float[] pixels = new float[count * SIDE * SIDE];
        for (int e = 0; e < count; e++) {
            pixels[e * SIDE * SIDE + row * SIDE + column] = 1f;
        }
        return Examples.classified(pixels, new int[] {1, SIDE, SIDE}, new int[count]);
    }

    @Test
    void eachImageMovesWholeByAnOffsetWithinTheBoundAndEveryOffsetOccurs() {
        int count = 400;
        Examples shifted = RandomShift.of(dot(4, 4, count), 2, new SplittableRandom(7));
        Set<String> offsets = new HashSet<>();
        for (int e = 0; e < count; e++) {
            int ink = 0;
            for (int i = 0; i < SIDE * SIDE; i++) {
                float v = shifted.inputs()[e * SIDE * SIDE + i];
                if (v != 0) {
                    ink++;
                    int dy = i / SIDE - 4;
                    int dx = i % SIDE - 4;
                    assertTrue(Math.abs(dy) <= 2 && Math.abs(dx) <= 2, "offset " + dy + "," + dx);
                    offsets.add(dy + "," + dx);
                    assertEquals(1f, v);
                }
            }
            assertEquals(1, ink, "image " + e + " keeps its one ink pixel");
        }
        assertEquals(25, offsets.size(), "all 5 x 5 offsets are drawn: " + offsets);
        assertArrayEquals(shifted.labels(), new int[count]);
    }

    @Test
    void inkPushedPastTheEdgeIsCutAndTheUncoveredPixelsAreBackground() {
        Examples corner = dot(0, 0, 200);
        Examples shifted = RandomShift.of(corner, 1, new SplittableRandom(3));
        int kept = 0;
        for (int e = 0; e < 200; e++) {
            float sum = 0;
            for (int i = 0; i < SIDE * SIDE; i++) {
                sum += shifted.inputs()[e * SIDE * SIDE + i];
            }
            kept += (int) sum;
        }
        // the dot survives only offsets (0 or +1, 0 or +1): 4 of 9
        assertTrue(kept > 200 * 4 / 9 - 40 && kept < 200 * 4 / 9 + 40, "kept " + kept);
    }

    @Test
    void noShiftReturnsTheExamplesAndBadInputIsRefused() {
        Examples e = dot(2, 3, 2);
        assertSame(e, RandomShift.of(e, 0, new SplittableRandom(1)));
        assertThrows(IllegalArgumentException.class, () -> RandomShift.of(e, -1, new SplittableRandom(1)));
        Examples flat = Examples.classified(new float[6], new int[] {3}, new int[2]);
        assertThrows(IllegalArgumentException.class, () -> RandomShift.of(flat, 1, new SplittableRandom(1)));
    }
}
