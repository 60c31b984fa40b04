package dev.metatune.data.synthetic;

import dev.metatune.task.EpisodeSeeds;
import java.util.SplittableRandom;

/**
 * Easy classes for unit tests that need quickly learnable images: class c is a random blocky binary
 * pattern (a {@code grid} x {@code grid} pattern scaled up to the image size); each of its images is
 * that pattern with every pixel flipped with probability {@code noise}. Values 0 or 1.
 */
record BlockPatterns(int imagesPerClass, int size, int grid, double noise, long seed) implements ClassImages {

    private static final long IMAGE_STREAM = 0x5eed_1a9e_0000_0001L;

    BlockPatterns {
        if (grid < 1 || grid > size) {
            throw new IllegalArgumentException("grid must be in [1, size=" + size + "], got " + grid);
        }
        if (!(noise >= 0 && noise < 0.5)) {
            throw new IllegalArgumentException("noise must be in [0, 0.5), got " + noise);
        }
    }

    @Override
    public void render(int classIndex, int image, float[] destination, int offset) {
        SplittableRandom pattern = EpisodeSeeds.random(seed, classIndex);
        boolean[] cells = new boolean[grid * grid];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = pattern.nextDouble() < 0.35;
        }
        SplittableRandom pixels = EpisodeSeeds.random(seed ^ IMAGE_STREAM, (long) classIndex * imagesPerClass + image);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                boolean on = cells[(y * grid / size) * grid + (x * grid / size)];
                if (pixels.nextDouble() < noise) {
                    on = !on;
                }
                destination[offset + y * size + x] = on ? 1f : 0f;
            }
        }
    }
}
