package dev.metatune.data;

import dev.metatune.data.cache.CachedImages;
import java.util.List;

/**
 * An {@link ImagePool} over images held as unsigned bytes (one per value), expanded to float on copy:
 * {@code value * scale}. With {@code scale = 1/255} 8-bit images land in [0, 1]; with {@code scale = 1}
 * binary images stay 0/1. Immutable and thread-safe.
 */
public final class ByteImagePool implements ImagePool {

    private final CachedImages images;
    private final int[] classes;
    private final float[] lookup = new float[256];

    /**
     * A pool over all classes of {@code images}.
     *
     * @param scale multiplies every stored byte value
     */
    public ByteImagePool(CachedImages images, float scale) {
        this(images, allClasses(images.names().size()), scale);
    }

    /**
     * A pool over the classes {@code classes} (indices into {@code images}), in that order.
     *
     * @param scale multiplies every stored byte value
     */
    public ByteImagePool(CachedImages images, int[] classes, float scale) {
        if (!(scale > 0) || !Float.isFinite(scale)) {
            throw new IllegalArgumentException("scale must be positive and finite, got " + scale);
        }
        for (int c : classes) {
            if (c < 0 || c >= images.names().size()) {
                throw new IllegalArgumentException("class index " + c + " outside 0.." + (images.names().size() - 1));
            }
        }
        this.images = images;
        this.classes = classes.clone();
        for (int v = 0; v < 256; v++) {
            lookup[v] = v * scale;
        }
    }

    private static int[] allClasses(int n) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return all;
    }

    @Override
    public int[] exampleShape() {
        return images.shape();
    }

    @Override
    public int classCount() {
        return classes.length;
    }

    @Override
    public int imagesPerClass(int classIndex) {
        return images.imageCount(classes[classIndex]);
    }

    @Override
    public String className(int classIndex) {
        return images.names().get(classes[classIndex]);
    }

    /** The class names of this pool in order. */
    public List<String> classNames() {
        String[] names = new String[classes.length];
        for (int i = 0; i < classes.length; i++) {
            names[i] = className(i);
        }
        return List.of(names);
    }

    @Override
    public void copyImage(int classIndex, int image, float[] destination, int offset) {
        int count = imagesPerClass(classIndex);
        if (image < 0 || image >= count) {
            throw new IndexOutOfBoundsException("image " + image + " of " + count + " in class " + className(classIndex));
        }
        byte[] values = images.pixels().get(classes[classIndex]);
        int per = images.valuesPerImage();
        int start = image * per;
        for (int i = 0; i < per; i++) {
            destination[offset + i] = lookup[values[start + i] & 0xff];
        }
    }
}
