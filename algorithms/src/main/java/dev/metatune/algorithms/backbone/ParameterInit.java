package dev.metatune.algorithms.backbone;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Initial parameter values drawn from an explicit, seeded {@link SplittableRandom} (never the
 * engine's global generator), so that the same seed gives the same network in any process.
 */
public final class ParameterInit {

    private ParameterInit() {
    }

    /** Values for every parameter of {@code specs}, in order, each row-major; deterministic in {@code seed}. */
    public static double[][] values(List<ParameterSpec> specs, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] out = new double[specs.size()][];
        for (int i = 0; i < specs.size(); i++) {
            out[i] = values(specs.get(i), random.split());
        }
        return out;
    }

    /** Values for one parameter. */
    public static double[] values(ParameterSpec spec, SplittableRandom random) {
        long size = spec.size();
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("parameter '" + spec.name() + "' is too large: " + size);
        }
        double[] v = new double[(int) size];
        switch (spec.init()) {
            case ZEROS -> {
                // already zero
            }
            case ONES -> java.util.Arrays.fill(v, 1.0);
            case XAVIER_UNIFORM -> {
                long[] s = spec.shape();
                long receptive = 1;
                for (int d = 2; d < s.length; d++) {
                    receptive *= s[d];
                }
                double fanOut = (double) s[0] * receptive;
                double fanIn = (double) s[1] * receptive;
                double bound = Math.sqrt(6.0 / (fanIn + fanOut));
                for (int i = 0; i < v.length; i++) {
                    v[i] = random.nextDouble(-bound, bound);
                }
            }
            default -> throw new IllegalStateException("unknown init " + spec.init());
        }
        return v;
    }
}
