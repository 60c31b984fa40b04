package dev.metatune.algorithms.baseline;

import java.util.SplittableRandom;

/** Seeded initial values for the heads. */
final class HeadInit {

    private HeadInit() {
    }

    /** {@code n} values uniform in [-bound, bound). */
    static float[] uniform(SplittableRandom random, int n, float bound) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return v;
    }
}
