package dev.metatune.algorithms.mann;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.task.Examples;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Random rotations of training images: quarter turns land exactly, the centre stays, angles stay in the bound. */
class RandomRotationTest {

    private static final int SIDE = 9;

    /** {@code count} images, each with a single ink pixel at (row, column) in both of two channels. */
    private static Examples dot(int row, int column, int count) {
        float[] pixels = new float[count * 2 * SIDE * SIDE];
        for (int e = 0; e < count; e++) {
            for (int c = 0; c < 2; c++) {
                pixels[(e * 2 + c) * SIDE * SIDE + row * SIDE + column] = 1f;
            }
        }
        return Examples.classified(pixels, new int[] {2, SIDE, SIDE}, new int[count]);
    }

    private static float at(Examples x, int image, int channel, int row, int column) {
        return x.inputs()[(image * 2 + channel) * SIDE * SIDE + row * SIDE + column];
    }

    @Test
    void aQuarterTurnCarriesAPixelExactlyClockwiseInBothChannels() {
        Examples turned = RandomRotation.rotated(dot(0, 4, 1), new double[] {90});
        for (int c = 0; c < 2; c++) {
            assertEquals(1f, at(turned, 0, c, 4, 8), 1e-6f);
            float ink = 0;
            for (int i = 0; i < SIDE * SIDE; i++) {
                ink += turned.inputs()[c * SIDE * SIDE + i];
            }
            assertEquals(1f, ink, 1e-5f, "a quarter turn moves whole pixels");
        }
        Examples back = RandomRotation.rotated(turned, new double[] {-90});
        assertArrayEquals(dot(0, 4, 1).inputs(), back.inputs(), 1e-6f);
    }

    @Test
    void theCentreStaysAndSmallAnglesSpreadAnOffCentrePixelWithinTheBound() {
        int count = 200;
        Examples centre = RandomRotation.of(dot(4, 4, count), 15, new SplittableRandom(3));
        Examples edge = RandomRotation.of(dot(4, 8, count), 15, new SplittableRandom(3));
        boolean moved = false;
        for (int e = 0; e < count; e++) {
            assertEquals(1f, at(centre, e, 0, 4, 4), 1e-6f, "the centre is the rotation's fixed point");
            // a pixel 4 to the right of the centre turned by at most 15 degrees stays within rows 3..5
            for (int row = 0; row < SIDE; row++) {
                for (int column = 0; column < SIDE; column++) {
                    if (at(edge, e, 0, row, column) != 0) {
                        assertTrue(row >= 2 && row <= 6 && column >= 6, "ink at " + row + "," + column);
                    }
                    assertEquals(at(edge, e, 0, row, column), at(edge, e, 1, row, column), "channels turn alike");
                }
            }
            moved |= at(edge, e, 0, 4, 8) != 1f;
        }
        assertTrue(moved, "some image must turn");
        assertArrayEquals(new int[count], edge.labels(), "labels are untouched");
    }

    @Test
    void noRotationReturnsTheSameExamplesAndBadInputIsRefused() {
        Examples x = dot(1, 1, 2);
        assertSame(x, RandomRotation.of(x, 0, new SplittableRandom(1)));
        assertThrows(IllegalArgumentException.class, () -> RandomRotation.of(x, -1, new SplittableRandom(1)));
        assertThrows(IllegalArgumentException.class, () -> RandomRotation.of(x, Double.NaN, new SplittableRandom(1)));
        Examples flat = Examples.classified(new float[4], new int[] {4}, new int[1]);
        assertThrows(IllegalArgumentException.class, () -> RandomRotation.of(flat, 10, new SplittableRandom(1)));
    }
}
