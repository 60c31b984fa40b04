package dev.metatune.algorithms.relationnet;

import java.util.SplittableRandom;

/** Normal initial weights from a {@link SplittableRandom} (Box-Muller), so they depend on the seed alone. */
final class Gaussian {

    private Gaussian() {
    }

    static float[] values(SplittableRandom random, int n, double std) {
        float[] v = new float[n];
        for (int i = 0; i < n; i += 2) {
            double u1 = 1.0 - random.nextDouble(); // (0, 1]
            double u2 = random.nextDouble();
            double r = Math.sqrt(-2 * Math.log(u1));
            v[i] = (float) (std * r * Math.cos(2 * Math.PI * u2));
            if (i + 1 < n) {
                v[i + 1] = (float) (std * r * Math.sin(2 * Math.PI * u2));
            }
        }
        return v;
    }
}
