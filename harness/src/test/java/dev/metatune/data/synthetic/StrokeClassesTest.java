package dev.metatune.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The stroke classes of {@link SyntheticImagePool#strokes}: deterministic, distorted, sharing strokes. */
class StrokeClassesTest {

    private static final int SIZE = 28;
    /** No distortion, no noise, one thickness: every image of a class is the same. */
    private static final StrokeStyle RIGID = new StrokeStyle(12, 2, 4, 0, 0, 0, 0, 0, 1.8, 1.8, 0);
    /** The default distortions without pixel noise, so that what differs is the drawing. */
    private static final StrokeStyle NOISELESS = new StrokeStyle(12, 2, 4, StrokeStyle.DEFAULT.rotation(),
            StrokeStyle.DEFAULT.scale(), StrokeStyle.DEFAULT.shear(), StrokeStyle.DEFAULT.shift(),
            StrokeStyle.DEFAULT.jitter(), StrokeStyle.DEFAULT.minThickness(), StrokeStyle.DEFAULT.maxThickness(), 0);

    static float[] image(SyntheticImagePool pool, int c, int i) {
        float[] image = new float[pool.valuesPerImage()];
        pool.copyImage(c, i, image, 0);
        return image;
    }

    @Test
    void sameArgumentsGiveTheSameBytesAndAnotherSeedOtherImages() {
        SyntheticImagePool a = SyntheticImagePool.strokes(20, 20, SIZE, StrokeStyle.DEFAULT, 42);
        SyntheticImagePool b = SyntheticImagePool.strokes(20, 20, SIZE, StrokeStyle.DEFAULT, 42);
        SyntheticImagePool other = SyntheticImagePool.strokes(20, 20, SIZE, StrokeStyle.DEFAULT, 43);
        for (int c = 0; c < 20; c++) {
            assertArrayEquals(a.strokesOf(c), b.strokesOf(c));
            for (int i = 0; i < 20; i += 7) {
                float[] image = image(a, c, i);
                assertArrayEquals(image, image(b, c, i), "class " + c + " image " + i);
                assertArrayEquals(image, image(a, c, i), "asked twice");
                assertFalse(Arrays.equals(image, image(other, c, i)), "seed 43, class " + c + " image " + i);
            }
        }
        // the image does not depend on the pool's size or on what was drawn before
        SyntheticImagePool bigger = SyntheticImagePool.strokes(20, 30, SIZE, StrokeStyle.DEFAULT, 42);
        assertArrayEquals(image(a, 3, 5), image(bigger, 3, 5));
    }

    @Test
    void imagesOfOneClassAreDistortedDrawingsOfIt() {
        SyntheticImagePool distorted = SyntheticImagePool.strokes(20, 20, SIZE, NOISELESS, 5);
        SyntheticImagePool rigid = SyntheticImagePool.strokes(20, 20, SIZE, RIGID, 5);
        double overlap = 0;
        int pairs = 0;
        for (int c = 0; c < 20; c++) {
            float[] first = image(distorted, c, 0);
            for (int i = 1; i < 20; i++) {
                float[] other = image(distorted, c, i);
                assertFalse(Arrays.equals(first, other), "class " + c + " images 0 and " + i);
                overlap += overlap(first, other);
                pairs++;
            }
            // negative control: without distortion the images of a class are all the same
            assertArrayEquals(image(rigid, c, 0), image(rigid, c, 19), "rigid class " + c);
        }
        double mean = overlap / pairs;
        assertTrue(mean > 0.1 && mean < 0.7, "mean ink overlap (IoU) of two images of one class: " + mean);
    }

    @Test
    void classesShareStrokesYetDiffer() {
        SyntheticImagePool pool = (SyntheticImagePool) new SyntheticDataset(SIZE).pool("train");
        Set<String> sets = new HashSet<>();
        int[] uses = new int[StrokeStyle.DEFAULT.poolStrokes()];
        for (int c = 0; c < pool.classCount(); c++) {
            int[] strokes = pool.strokesOf(c);
            assertTrue(strokes.length >= 2 && strokes.length <= 4, "class " + c + ": " + Arrays.toString(strokes));
            assertTrue(sets.add(Arrays.toString(strokes)), "class " + c + " repeats " + Arrays.toString(strokes));
            for (int s : strokes) {
                uses[s]++;
            }
        }
        int sharing = 0;
        int pairs = 0;
        for (int c = 0; c < pool.classCount(); c++) {
            for (int d = c + 1; d < pool.classCount(); d++) {
                pairs++;
                if (shared(pool.strokesOf(c), pool.strokesOf(d)) > 0) {
                    sharing++;
                }
            }
        }
        assertTrue(sharing > pairs / 2, sharing + " of " + pairs + " class pairs share a stroke");
        for (int s = 0; s < uses.length; s++) {
            assertTrue(uses[s] >= 2, "stroke " + s + " is used by " + uses[s] + " classes");
        }
        // two classes sharing a stroke overlap in ink where it lies; drawn rigidly they still differ
        SyntheticImagePool rigid = SyntheticImagePool.strokes(64, 1, SIZE, RIGID, SyntheticDataset.strokeSeed("train"));
        assertArrayEquals(pool.strokesOf(9), rigid.strokesOf(9), "the same seed, the same class sets");
        for (int c = 1; c < 64; c++) {
            int common = shared(rigid.strokesOf(0), rigid.strokesOf(c));
            double iou = overlap(image(rigid, 0, 0), image(rigid, c, 0));
            assertTrue(iou < 0.95, "class 0 and class " + c + " differ: IoU " + iou);
            if (common > 0) {
                assertTrue(iou > 0.1, "class 0 and class " + c + " share " + common + " stroke(s): IoU " + iou);
            }
        }
    }

    @Test
    void eachSplitHasItsOwnStrokePool() {
        Set<String> strokes = new HashSet<>();
        for (String split : SyntheticDataset.SPLITS) {
            for (double[] stroke : Strokes.pool(SyntheticDataset.strokeSeed(split), StrokeStyle.DEFAULT.poolStrokes())) {
                assertTrue(strokes.add(Arrays.toString(stroke)), split + " repeats a stroke of another split");
                for (double v : stroke) {
                    assertTrue(Math.abs(v) <= Strokes.EXTENT, split + " stroke point " + v);
                }
            }
        }
        assertEquals(3 * StrokeStyle.DEFAULT.poolStrokes(), strokes.size());
    }

    @Test
    void valuesLieInTheUnitIntervalAtEverySize() {
        for (int size : new int[] {7, 14, 28, 84}) {
            SyntheticImagePool pool = SyntheticImagePool.strokes(16, 20, size, StrokeStyle.DEFAULT, 3);
            assertEquals(size * size, pool.valuesPerImage());
            for (int c = 0; c < 16; c++) {
                float[] image = image(pool, c, c);
                int ink = 0;
                for (float v : image) {
                    assertTrue(v >= 0f && v <= 1f, "size " + size + " value " + v);
                    if (v > 0.5f) {
                        ink++;
                    }
                }
                assertTrue(ink > 0 && ink < image.length / 2, "size " + size + " class " + c + ": " + ink + " ink pixels");
            }
        }
    }

    @Test
    void badArgumentsAreRefusedWithTheirNameAndValue() {
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> SyntheticImagePool.strokes(12, 20, SIZE, new StrokeStyle(4, 2, 2, 0, 0, 0, 0, 0, 1, 1, 0), 1));
        assertTrue(tooMany.getMessage().contains("at most 6") && tooMany.getMessage().contains("got 12"),
                tooMany.getMessage());
        assertEquals(6, new StrokeStyle(4, 2, 2, 0, 0, 0, 0, 0, 1, 1, 0).possibleClasses());
        assertEquals(66 + 220 + 495, StrokeStyle.DEFAULT.possibleClasses());
        IllegalArgumentException max = assertThrows(IllegalArgumentException.class,
                () -> new StrokeStyle(12, 3, 2, 0, 0, 0, 0, 0, 1, 1, 0));
        assertTrue(max.getMessage().contains("maxStrokes") && max.getMessage().contains("got 2"), max.getMessage());
        IllegalArgumentException noise = assertThrows(IllegalArgumentException.class,
                () -> new StrokeStyle(12, 2, 4, 0, 0, 0, 0, 0, 1, 1, -0.1));
        assertTrue(noise.getMessage().contains("noise") && noise.getMessage().contains("-0.1"), noise.getMessage());
        IllegalArgumentException thick = assertThrows(IllegalArgumentException.class,
                () -> new StrokeStyle(12, 2, 4, 0, 0, 0, 0, 0, 2, 1, 0));
        assertTrue(thick.getMessage().contains("maxThickness"), thick.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SyntheticImagePool.strokes(0, 20, SIZE, RIGID, 1));
        assertThrows(IllegalArgumentException.class, () -> SyntheticImagePool.strokes(4, 0, SIZE, RIGID, 1));
        assertThrows(IllegalStateException.class, () -> new SyntheticImagePool(4, 4, 8, 4, 0.1, 1).strokesOf(0));
    }

    /** Intersection over union of the ink (values above one half) of two images. */
    static double overlap(float[] a, float[] b) {
        int both = 0;
        int either = 0;
        for (int p = 0; p < a.length; p++) {
            boolean x = a[p] > 0.5f;
            boolean y = b[p] > 0.5f;
            both += x && y ? 1 : 0;
            either += x || y ? 1 : 0;
        }
        return either == 0 ? 1 : (double) both / either;
    }

    private static int shared(int[] a, int[] b) {
        int n = 0;
        for (int x : a) {
            for (int y : b) {
                n += x == y ? 1 : 0;
            }
        }
        return n;
    }
}
