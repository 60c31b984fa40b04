package dev.metatune.algorithms.mann;

import dev.metatune.task.Examples;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Small random rotation of training images, the other per-image augmentation Santoro et al. (2016,
 * section 4.1) apply to Omniglot besides translation ({@link RandomShift}); the paper gives no
 * magnitude. Each image turns about its centre by its own angle, uniform in
 * {@code [-maxDegrees, maxDegrees]}. A pixel takes the bilinear interpolation of the source point it
 * came from, and points outside the image count as 0 (Omniglot's background). Every channel of an
 * image turns alike. Only training sequences are rotated; adaptation and test episodes never are.
 */
final class RandomRotation {

    private RandomRotation() {
    }

    /**
     * {@code examples} with each image rotated by its own angle from {@code random}; the same
     * examples unchanged when {@code maxDegrees} is 0. Shapes other than channels x height x width
     * are refused.
     */
    static Examples of(Examples examples, double maxDegrees, SplittableRandom random) {
        if (!(maxDegrees >= 0) || maxDegrees > 180) {
            throw new IllegalArgumentException("maxDegrees must be in [0, 180], got " + maxDegrees);
        }
        if (maxDegrees == 0) {
            return examples;
        }
        double[] degrees = new double[examples.count()];
        for (int e = 0; e < degrees.length; e++) {
            degrees[e] = random.nextDouble(-maxDegrees, maxDegrees);
        }
        return rotated(examples, degrees);
    }

    /** {@code examples} with image {@code e} rotated by {@code degrees[e]} (clockwise on screen, rows growing downwards). */
    static Examples rotated(Examples examples, double[] degrees) {
        int[] shape = examples.exampleShape();
        if (shape.length != 3 || degrees.length != examples.count()) {
            throw new IllegalArgumentException("rotations need images of channels x height x width and one angle each, got "
                    + Arrays.toString(shape) + " and " + degrees.length + " angles for " + examples.count() + " images");
        }
        int channels = shape[0];
        int height = shape[1];
        int width = shape[2];
        int plane = height * width;
        double cy = (height - 1) / 2.0;
        double cx = (width - 1) / 2.0;
        float[] in = examples.inputs();
        float[] out = new float[in.length];
        for (int e = 0; e < examples.count(); e++) {
            double angle = Math.toRadians(degrees[e]);
            double cos = Math.cos(angle);
            double sin = Math.sin(angle);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    // the source of (y, x): the point that the rotation carries onto it
                    double sy = cy + (y - cy) * cos - (x - cx) * sin;
                    double sx = cx + (y - cy) * sin + (x - cx) * cos;
                    for (int c = 0; c < channels; c++) {
                        int base = (e * channels + c) * plane;
                        out[base + y * width + x] = bilinear(in, base, height, width, sy, sx);
                    }
                }
            }
        }
        return new Examples(out, shape, examples.count(), examples.labels(), examples.targets());
    }

    private static float bilinear(float[] in, int base, int height, int width, double y, double x) {
        int y0 = (int) Math.floor(y);
        int x0 = (int) Math.floor(x);
        double fy = y - y0;
        double fx = x - x0;
        return (float) ((1 - fy) * ((1 - fx) * pixel(in, base, height, width, y0, x0)
                + fx * pixel(in, base, height, width, y0, x0 + 1))
                + fy * ((1 - fx) * pixel(in, base, height, width, y0 + 1, x0)
                + fx * pixel(in, base, height, width, y0 + 1, x0 + 1)));
    }

    private static float pixel(float[] in, int base, int height, int width, int y, int x) {
        return y < 0 || y >= height || x < 0 || x >= width ? 0f : in[base + y * width + x];
    }
}
