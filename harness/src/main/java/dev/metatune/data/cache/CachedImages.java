package dev.metatune.data.cache;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Decoded images grouped by class, one unsigned byte per value, as stored in an {@link ImageCache}
 * file. Class {@code c} holds {@code pixels.get(c).length / valuesPerImage()} images, each
 * {@code channels x height x width} in row-major (planar) order.
 *
 * @param fingerprint identifies the source files and preprocessing the images came from
 * @param channels    channels of one image (1 for Omniglot, 3 for RGB)
 * @param height      rows of one image
 * @param width       columns of one image
 * @param names       class names, one per entry of {@code pixels}
 * @param pixels      the images of each class, back to back
 */
public record CachedImages(String fingerprint, int channels, int height, int width, List<String> names,
        List<byte[]> pixels) {

    /** Validates the shape and that every class holds whole images. */
    public CachedImages {
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image shape must be positive, got channels=" + channels + " height="
                    + height + " width=" + width);
        }
        names = List.copyOf(names);
        pixels = List.copyOf(pixels);
        if (names.size() != pixels.size()) {
            throw new IllegalArgumentException("names has " + names.size() + " entries but pixels has " + pixels.size());
        }
        int per = channels * height * width;
        for (int c = 0; c < pixels.size(); c++) {
            if (pixels.get(c).length % per != 0) {
                throw new IllegalArgumentException("class " + names.get(c) + " has " + pixels.get(c).length
                        + " values, not a multiple of " + per + " per image");
            }
        }
    }

    /** Values in one image. */
    public int valuesPerImage() {
        return channels * height * width;
    }

    /** Images of class {@code c}. */
    public int imageCount(int c) {
        return pixels.get(c).length / valuesPerImage();
    }

    /** Total images over all classes. */
    public long totalImages() {
        long n = 0;
        for (int c = 0; c < pixels.size(); c++) {
            n += imageCount(c);
        }
        return n;
    }

    /** The image shape as an {@code ImagePool} reports it. */
    public int[] shape() {
        return new int[] {channels, height, width};
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CachedImages other) || !fingerprint.equals(other.fingerprint) || channels != other.channels
                || height != other.height || width != other.width || !names.equals(other.names)) {
            return false;
        }
        for (int c = 0; c < pixels.size(); c++) {
            if (!Arrays.equals(pixels.get(c), other.pixels.get(c))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(fingerprint, channels, height, width, names);
    }

    @Override
    public String toString() {
        return "CachedImages[" + names.size() + " classes, " + totalImages() + " images of " + channels + "x" + height
                + "x" + width + ", " + fingerprint + "]";
    }
}
