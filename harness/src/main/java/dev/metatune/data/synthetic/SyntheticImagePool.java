package dev.metatune.data.synthetic;

import dev.metatune.data.ImagePool;
import dev.metatune.task.EpisodeSeeds;
import java.util.SplittableRandom;

/**
 * Small generated image classes for smoke tests and for the quickstart when no real data is present.
 * Class c is a random blocky binary pattern (a {@code grid} x {@code grid} pattern scaled up to the
 * image size); each of its images is that pattern with every pixel flipped with probability
 * {@code noise}. Images are generated on demand from (seed, class, image), so the pool needs no
 * memory and two pools with the same arguments are identical.
 */
public final class SyntheticImagePool implements ImagePool {

    private static final long IMAGE_STREAM = 0x5eed_1a9e_0000_0001L;

    private final int classes;
    private final int imagesPerClass;
    private final int size;
    private final int grid;
    private final double noise;
    private final long seed;

    public SyntheticImagePool(int classes, int imagesPerClass, int size, int grid, double noise, long seed) {
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be at least 1, got " + classes);
        }
        if (imagesPerClass < 1) {
            throw new IllegalArgumentException("imagesPerClass must be at least 1, got " + imagesPerClass);
        }
        if (size < 1) {
            throw new IllegalArgumentException("size must be at least 1, got " + size);
        }
        if (grid < 1 || grid > size) {
            throw new IllegalArgumentException("grid must be in [1, size=" + size + "], got " + grid);
        }
        if (!(noise >= 0 && noise < 0.5)) {
            throw new IllegalArgumentException("noise must be in [0, 0.5), got " + noise);
        }
        this.classes = classes;
        this.imagesPerClass = imagesPerClass;
        this.size = size;
        this.grid = grid;
        this.noise = noise;
        this.seed = seed;
    }

    @Override
    public int[] exampleShape() {
        return new int[] {1, size, size};
    }

    @Override
    public int classCount() {
        return classes;
    }

    @Override
    public int imagesPerClass(int classIndex) {
        checkClass(classIndex);
        return imagesPerClass;
    }

    @Override
    public String className(int classIndex) {
        checkClass(classIndex);
        return "synthetic-" + classIndex;
    }

    @Override
    public void copyImage(int classIndex, int image, float[] destination, int offset) {
        checkClass(classIndex);
        if (image < 0 || image >= imagesPerClass) {
            throw new IndexOutOfBoundsException("image " + image + " of " + imagesPerClass);
        }
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

    private void checkClass(int classIndex) {
        if (classIndex < 0 || classIndex >= classes) {
            throw new IndexOutOfBoundsException("class " + classIndex + " of " + classes);
        }
    }
}
