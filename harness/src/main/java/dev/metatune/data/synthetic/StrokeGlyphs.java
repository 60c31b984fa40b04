package dev.metatune.data.synthetic;

import dev.metatune.task.EpisodeSeeds;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Handwriting-like classes in the spirit of Omniglot: a split has one common pool of {@link Strokes};
 * class c is a set of 2 to 4 of them (no two classes the same set, so classes share strokes and differ
 * in a part); each of its images draws that set through its own random distortion: an affine map
 * (rotation, scale per axis, shear, shift), a displacement of each stroke and of each of its points, a
 * stroke thickness, and (nearly) Gaussian pixel noise. Everything follows from (seed, class, image) through
 * {@link SplittableRandom} and {@link StrictMath}, so images are the same on every machine.
 * Holds only the strokes and the class sets; images are drawn on demand.
 */
final class StrokeGlyphs implements ClassImages {

    private static final long CLASS_STREAM = 0x61f9_c1a5_0000_0001L;
    private static final long IMAGE_STREAM = 0x61f9_13a9_0000_0001L;

    private final int size;
    private final StrokeStyle style;
    private final long seed;
    private final double[][] strokes;
    private final int[][] classStrokes;

    StrokeGlyphs(int classes, int size, StrokeStyle style, long seed) {
        if (classes > style.possibleClasses()) {
            throw new IllegalArgumentException("classes must be at most " + style.possibleClasses()
                    + " (the distinct sets of " + style.minStrokes() + " to " + style.maxStrokes() + " of "
                    + style.poolStrokes() + " pool strokes), got " + classes);
        }
        this.size = size;
        this.style = style;
        this.seed = seed;
        this.strokes = Strokes.pool(seed, style.poolStrokes());
        this.classStrokes = new int[classes][];
        SplittableRandom random = EpisodeSeeds.random(seed ^ CLASS_STREAM, 0);
        Set<String> taken = new HashSet<>();
        for (int c = 0; c < classes; c++) {
            int[] set;
            do {
                int k = style.minStrokes() + random.nextInt(style.maxStrokes() - style.minStrokes() + 1);
                set = choose(random, style.poolStrokes(), k);
                Arrays.sort(set);
            } while (!taken.add(Arrays.toString(set)));
            classStrokes[c] = set;
        }
    }

    /** The pool strokes class {@code classIndex} is made of, ascending. */
    int[] strokesOf(int classIndex) {
        return classStrokes[classIndex].clone();
    }

    @Override
    public void render(int classIndex, int image, float[] destination, int offset) {
        SplittableRandom random = EpisodeSeeds.random(EpisodeSeeds.mix(seed ^ IMAGE_STREAM) + classIndex, image);
        double rotation = uniform(random, style.rotation());
        double logScale = uniform(random, style.scale());
        double sx = StrictMath.exp(logScale + uniform(random, style.scale() / 2));
        double sy = StrictMath.exp(logScale + uniform(random, style.scale() / 2));
        double shear = uniform(random, style.shear());
        double tx = uniform(random, style.shift());
        double ty = uniform(random, style.shift());
        double cos = StrictMath.cos(rotation);
        double sin = StrictMath.sin(rotation);
        double thickness = (style.minThickness() + (style.maxThickness() - style.minThickness()) * random.nextDouble())
                * size / 28.0;
        double[] distance = new double[size * size];
        Arrays.fill(distance, Double.POSITIVE_INFINITY);
        double half = size / 2.0;
        for (int s : classStrokes[classIndex]) {
            double[] points = strokes[s];
            double ox = uniform(random, style.jitter());
            double oy = uniform(random, style.jitter());
            double[] pixels = new double[points.length];
            for (int p = 0; p < points.length; p += 2) {
                double x = points[p] + ox + uniform(random, style.jitter() / 2);
                double y = points[p + 1] + oy + uniform(random, style.jitter() / 2);
                double x1 = sx * x + shear * sy * y;
                double y1 = sy * y;
                pixels[p] = (cos * x1 - sin * y1 + tx + 1) * half - 0.5;
                pixels[p + 1] = (sin * x1 + cos * y1 + ty + 1) * half - 0.5;
            }
            StrokeRaster.polyline(pixels, size, thickness / 2 + 1, distance);
        }
        for (int i = 0; i < distance.length; i++) {
            double v = Math.min(1, Math.max(0, thickness / 2 - distance[i] + 0.5));
            if (style.noise() > 0) {
                v = Math.min(1, Math.max(0, v + style.noise() * gaussian(random)));
            }
            // 8-bit ink levels, as an image file holds them: a PNG of the image reads back exactly
            destination[offset + i] = dev.metatune.data.ImageDecoding.inkValue((int) Math.round(v * 255));
        }
    }

    /** k distinct values of 0..n-1 (a partial Fisher-Yates shuffle). */
    private static int[] choose(SplittableRandom random, int n, int k) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return Arrays.copyOf(all, k);
    }

    /** Nearly standard normal (sum of four uniforms, variance 1): plain arithmetic, the same everywhere. */
    private static double gaussian(SplittableRandom random) {
        double sum = random.nextDouble() + random.nextDouble() + random.nextDouble() + random.nextDouble();
        return (sum - 2) * Math.sqrt(3);
    }

    /** Uniform in [-max, max). */
    private static double uniform(SplittableRandom random, double max) {
        return max * (2 * random.nextDouble() - 1);
    }
}
