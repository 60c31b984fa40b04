package dev.metatune.data.synthetic;

/**
 * How hard the stroke classes of {@link SyntheticImagePool#strokes} are. Lengths are in units of half
 * the canvas (the canvas spans [-1, 1] on both axes), thicknesses in pixels of a 28-pixel canvas
 * (scaled with the image size).
 *
 * @param poolStrokes   strokes in a split's common pool; every class is a set of them, so classes share strokes
 * @param minStrokes    fewest strokes a class has
 * @param maxStrokes    most strokes a class has
 * @param rotation      largest rotation of one image, radians either way
 * @param scale         largest log scale factor of one image, either way (also per axis, half as much)
 * @param shear         largest horizontal shear of one image, either way
 * @param shift         largest shift of one image along each axis, either way
 * @param jitter        largest displacement of one stroke (and half of it of each of its points), either way
 * @param minThickness  thinnest stroke of an image
 * @param maxThickness  thickest stroke of an image
 * @param noise         standard deviation of the Gaussian noise added to each pixel (then clipped to [0, 1])
 */
public record StrokeStyle(int poolStrokes, int minStrokes, int maxStrokes, double rotation, double scale,
        double shear, double shift, double jitter, double minThickness, double maxThickness, double noise) {

    /**
     * The style of the registered {@code synthetic} data set, calibrated on the quickstart's budget (5-way
     * 1-shot, 250 training steps, 200 test episodes, filters 32, one thread): ProtoNet 73.9%, MAML 59.7%,
     * first-order MAML 59.3%, the transfer baseline 52.3%, untrained networks 44-45%, raw-pixel 1-NN
     * 43.5% (chance 20%; intervals about +-1.5 points).
     */
    public static final StrokeStyle DEFAULT = new StrokeStyle(12, 2, 4, 0.3, 0.15, 0.2, 0.16, 0.06, 1.2, 2.4, 0.1);

    public StrokeStyle {
        if (poolStrokes < 1 || poolStrokes > 1000) {
            throw new IllegalArgumentException("poolStrokes must be in [1, 1000], got " + poolStrokes);
        }
        if (minStrokes < 1 || minStrokes > poolStrokes) {
            throw new IllegalArgumentException("minStrokes must be in [1, poolStrokes=" + poolStrokes + "], got "
                    + minStrokes);
        }
        if (maxStrokes < minStrokes || maxStrokes > poolStrokes) {
            throw new IllegalArgumentException("maxStrokes must be in [minStrokes=" + minStrokes + ", poolStrokes="
                    + poolStrokes + "], got " + maxStrokes);
        }
        checkRange("rotation", rotation, Math.PI);
        checkRange("scale", scale, 1);
        checkRange("shear", shear, 1);
        checkRange("shift", shift, 1);
        checkRange("jitter", jitter, 1);
        if (!(minThickness > 0 && minThickness <= 10)) {
            throw new IllegalArgumentException("minThickness must be in (0, 10], got " + minThickness);
        }
        if (!(maxThickness >= minThickness && maxThickness <= 10)) {
            throw new IllegalArgumentException("maxThickness must be in [minThickness=" + minThickness + ", 10], got "
                    + maxThickness);
        }
        checkRange("noise", noise, 1);
    }

    /** The number of distinct stroke sets a class can be: the most classes one pool can have. */
    public long possibleClasses() {
        long total = 0;
        for (int k = minStrokes; k <= maxStrokes; k++) {
            total += binomial(poolStrokes, k);
        }
        return total;
    }

    private static long binomial(int n, int k) {
        double b = 1;
        for (int i = 1; i <= k; i++) {
            b = b * (n - k + i) / i;
        }
        return (long) Math.min(Math.rint(b), Long.MAX_VALUE);
    }

    private static void checkRange(String field, double value, double max) {
        if (!(value >= 0 && value <= max)) {
            throw new IllegalArgumentException(field + " must be in [0, " + max + "], got " + value);
        }
    }
}
