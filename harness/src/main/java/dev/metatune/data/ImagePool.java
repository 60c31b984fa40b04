package dev.metatune.data;

/**
 * The images of one split, grouped by class, held in memory. Class c has {@code imagesPerClass(c)}
 * images of shape {@code exampleShape()}, values in [0, 1] (or normalised as the data set documents).
 * Implementations are immutable and thread-safe.
 */
public interface ImagePool {

    /** e.g. {1, 28, 28}: channels, height, width. */
    int[] exampleShape();

    int classCount();

    int imagesPerClass(int classIndex);

    /** A readable name of the class, e.g. {@code Angelic/character01/rot090}. */
    String className(int classIndex);

    /** Copies image {@code image} of class {@code classIndex} into {@code destination} at {@code offset}. */
    void copyImage(int classIndex, int image, float[] destination, int offset);

    /** Values in one image. */
    default int valuesPerImage() {
        int n = 1;
        for (int d : exampleShape()) {
            n *= d;
        }
        return n;
    }

    /** The smallest class size. */
    default int minImagesPerClass() {
        int min = Integer.MAX_VALUE;
        for (int c = 0; c < classCount(); c++) {
            min = Math.min(min, imagesPerClass(c));
        }
        return classCount() == 0 ? 0 : min;
    }
}
