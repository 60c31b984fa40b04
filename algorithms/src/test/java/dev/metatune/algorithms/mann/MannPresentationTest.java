package dev.metatune.algorithms.mann;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.metatune.task.Examples;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * How episodes become sequences: each support image once, its label shown one time step late (none at
 * the first step), the instance count of each step, the queries carrying the last support label,
 * labels permuted consistently in support and queries, and the same source giving the same order.
 */
class MannPresentationTest {

    private static final int PIXELS = 2;
    private static final int WAYS = 3;

    /** Support image i is (i, 10 + label); labels 0,0,1,1,2,2. */
    private static Examples support() {
        int[] labels = {0, 0, 1, 1, 2, 2};
        float[] inputs = new float[labels.length * PIXELS];
        for (int i = 0; i < labels.length; i++) {
            inputs[i * PIXELS] = i;
            inputs[i * PIXELS + 1] = 10 + labels[i];
        }
        return Examples.classified(inputs, new int[] {1, 1, PIXELS}, labels);
    }

    private static Examples queries() {
        return Examples.classified(new float[] {7, 10, 8, 12}, new int[] {1, 1, PIXELS}, new int[] {0, 2});
    }

    @Test
    void labelsArriveOneStepLateAndInstancesCountPresentations() {
        Presentation p = Presentation.of(List.of(support()), List.of(queries()), WAYS, new SplittableRandom(4), true);
        int width = PIXELS + WAYS;
        assertEquals(6, p.length());
        assertEquals(width, p.width());
        int[] seen = new int[WAYS];
        boolean[] used = new boolean[6];
        int[] relabel = new int[WAYS];
        Arrays.fill(relabel, -1);
        for (int t = 0; t < 6; t++) {
            float[] step = Arrays.copyOfRange(p.supportInputs(), t * width, (t + 1) * width);
            int example = (int) step[0];
            used[example] = true;
            int original = (int) step[1] - 10;
            int label = (int) p.supportTargets()[t];
            if (relabel[original] < 0) {
                relabel[original] = label;
            }
            assertEquals(relabel[original], label, "one permutation of the labels per episode");
            assertEquals(++seen[label], p.supportInstances()[t], "instance count at step " + t);
            float[] oneHot = Arrays.copyOfRange(step, PIXELS, width);
            float[] expected = new float[WAYS];
            if (t > 0) {
                expected[(int) p.supportTargets()[t - 1]] = 1f;
            }
            assertArrayEquals(expected, oneHot, "step " + t + " carries the previous step's label");
        }
        for (boolean u : used) {
            assertEquals(true, u, "every support image presented once");
        }
        float[] last = new float[WAYS];
        last[p.lastLabel(0)] = 1f;
        for (int j = 0; j < 2; j++) {
            float[] step = Arrays.copyOfRange(p.queryInputs(), j * width, (j + 1) * width);
            assertArrayEquals(last, Arrays.copyOfRange(step, PIXELS, width), "query " + j + " carries the last label");
        }
        assertEquals(relabel[0], p.queryTargets()[0]);
        assertEquals(relabel[2], p.queryTargets()[1]);
    }

    @Test
    void theSameSourceGivesTheSameOrderAndAnotherAnother() {
        Presentation a = Presentation.of(List.of(support()), null, WAYS, new SplittableRandom(4), false);
        Presentation b = Presentation.of(List.of(support()), null, WAYS, new SplittableRandom(4), false);
        Presentation c = Presentation.of(List.of(support()), null, WAYS, new SplittableRandom(5), false);
        assertArrayEquals(a.supportInputs(), b.supportInputs());
        assertFalse(Arrays.equals(a.supportInputs(), c.supportInputs()), "another seed, another order");
        assertEquals(0, a.queries());
    }

    @Test
    void labelsOutsideTheNetworksWaysAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> Presentation.of(List.of(support()), null, 2, new SplittableRandom(1), false));
    }
}
