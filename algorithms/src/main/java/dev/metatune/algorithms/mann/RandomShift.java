package dev.metatune.algorithms.mann;

import dev.metatune.task.Examples;
import java.util.SplittableRandom;

/**
 * Random translation of training images, the augmentation Santoro et al. (2016, section 4.1) apply
 * to Omniglot besides the classes made by rotation (which the Vinyals split already holds): each
 * image moves by its own whole-pixel offset, uniform in {@code [-maxShift, maxShift]} along each
 * axis, and the pixels it uncovers are 0 (Omniglot's background). Every channel of an image moves
 * alike. Only training sequences are shifted; adaptation and test episodes never are.
 */
final class RandomShift {

    private RandomShift() {
    }

    /**
     * {@code examples} with each image shifted by its own offset from {@code random}; the same
     * examples unchanged when {@code maxShift} is 0. Shapes other than channels x height x width are
     * refused.
     */
    static Examples of(Examples examples, int maxShift, SplittableRandom random) {
        if (maxShift < 0) {
            throw new IllegalArgumentException("maxShift must be at least 0, got " + maxShift);
        }
        if (maxShift == 0) {
            return examples;
        }
        int[] shape = examples.exampleShape();
        if (shape.length != 3) {
            throw new IllegalArgumentException("random shifts need images of channels x height x width, got "
                    + java.util.Arrays.toString(shape));
        }
        int channels = shape[0];
        int height = shape[1];
        int width = shape[2];
        int plane = height * width;
        float[] in = examples.inputs();
        float[] out = new float[in.length];
        for (int e = 0; e < examples.count(); e++) {
            int dy = random.nextInt(-maxShift, maxShift + 1);
            int dx = random.nextInt(-maxShift, maxShift + 1);
            int x0 = Math.max(0, dx);
            int x1 = Math.min(width, width + dx);
            for (int c = 0; c < channels; c++) {
                int base = (e * channels + c) * plane;
                for (int y = Math.max(0, dy); y < Math.min(height, height + dy); y++) {
                    int from = base + (y - dy) * width;
                    int to = base + y * width;
                    System.arraycopy(in, from + x0 - dx, out, to + x0, x1 - x0);
                }
            }
        }
        return new Examples(out, shape, examples.count(), examples.labels(), examples.targets());
    }
}
