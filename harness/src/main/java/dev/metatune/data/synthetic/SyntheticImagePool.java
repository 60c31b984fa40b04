package dev.metatune.data.synthetic;

import dev.metatune.data.ImagePool;

/**
 * Generated image classes, one channel, values in [0, 1]: {@link #strokes handwriting-like stroke
 * classes} (the registered {@code synthetic} data set: a few-shot problem) or, with the six-argument
 * constructor, easy blocky binary patterns for unit tests that need quickly learnable classes. Images
 * are generated on demand from (seed, class, image), so the pool needs no image memory and two pools
 * with the same arguments are identical. Immutable and thread-safe.
 */
public final class SyntheticImagePool implements ImagePool {

    private final int classes;
    private final int imagesPerClass;
    private final int size;
    private final ClassImages images;

    /**
     * Easy classes: class c is a random blocky binary pattern (a {@code grid} x {@code grid} pattern scaled
     * up to the image size); each of its images is that pattern with every pixel flipped with probability
     * {@code noise}. Values 0 or 1.
     */
    public SyntheticImagePool(int classes, int imagesPerClass, int size, int grid, double noise, long seed) {
        this(classes, imagesPerClass, size, new BlockPatterns(imagesPerClass, size, grid, noise, seed));
    }

    private SyntheticImagePool(int classes, int imagesPerClass, int size, ClassImages images) {
        validate(classes, imagesPerClass, size);
        this.classes = classes;
        this.imagesPerClass = imagesPerClass;
        this.size = size;
        this.images = images;
    }

    /**
     * Stroke classes in the spirit of Omniglot, drawn as {@code style} says: class c is a set of strokes
     * from a pool common to all classes of this seed, each image that set through its own affine
     * distortion, stroke jitter, thickness and pixel noise (see {@link StrokeStyle}).
     *
     * @throws IllegalArgumentException when a count or the size is below 1, or there are more classes than
     *                                  distinct stroke sets ({@link StrokeStyle#possibleClasses()})
     */
    public static SyntheticImagePool strokes(int classes, int imagesPerClass, int size, StrokeStyle style, long seed) {
        validate(classes, imagesPerClass, size);
        return new SyntheticImagePool(classes, imagesPerClass, size, new StrokeGlyphs(classes, size, style, seed));
    }

    private static void validate(int classes, int imagesPerClass, int size) {
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be at least 1, got " + classes);
        }
        if (imagesPerClass < 1) {
            throw new IllegalArgumentException("imagesPerClass must be at least 1, got " + imagesPerClass);
        }
        if (size < 1) {
            throw new IllegalArgumentException("size must be at least 1, got " + size);
        }
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
        images.render(classIndex, image, destination, offset);
    }

    /** The pool strokes class {@code classIndex} is drawn from (stroke pools only), for tests. */
    int[] strokesOf(int classIndex) {
        checkClass(classIndex);
        if (!(images instanceof StrokeGlyphs glyphs)) {
            throw new IllegalStateException("a block-pattern pool has no strokes");
        }
        return glyphs.strokesOf(classIndex);
    }

    private void checkClass(int classIndex) {
        if (classIndex < 0 || classIndex >= classes) {
            throw new IndexOutOfBoundsException("class " + classIndex + " of " + classes);
        }
    }
}
