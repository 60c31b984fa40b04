package dev.metatune.data.omniglot;

import dev.metatune.data.ImagePool;
import java.util.List;

/**
 * The classes of one Omniglot split, in memory one byte per pixel (0 background, 1 stroke); a rotated
 * class shares its character's bytes and is turned as it is copied, counter-clockwise like
 * {@code torch.rot90(image, k, dims=(H, W))}. Immutable and thread-safe.
 */
final class OmniglotPool implements ImagePool {

    private final List<OmniglotClass> classes;
    private final int size;

    OmniglotPool(List<OmniglotClass> classes, int size) {
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("an Omniglot split needs at least one class");
        }
        for (OmniglotClass c : classes) {
            if (c.size() != size) {
                throw new IllegalArgumentException("class " + c.name() + " has size " + c.size() + ", expected " + size);
            }
        }
        this.classes = List.copyOf(classes);
        this.size = size;
    }

    @Override
    public int[] exampleShape() {
        return new int[] {1, size, size};
    }

    @Override
    public int classCount() {
        return classes.size();
    }

    @Override
    public int imagesPerClass(int classIndex) {
        return classes.get(classIndex).count();
    }

    @Override
    public String className(int classIndex) {
        return classes.get(classIndex).name();
    }

    @Override
    public void copyImage(int classIndex, int image, float[] destination, int offset) {
        OmniglotClass c = classes.get(classIndex);
        if (image < 0 || image >= c.count()) {
            throw new IndexOutOfBoundsException("image " + image + " of " + c.count() + " in class " + c.name());
        }
        byte[] px = c.drawings();
        int base = image * size * size;
        int last = size - 1;
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                int src = switch (c.quarterTurns()) {
                    case 0 -> i * size + j;
                    case 1 -> j * size + (last - i);
                    case 2 -> (last - i) * size + (last - j);
                    default -> (last - j) * size + i;
                };
                destination[offset + i * size + j] = px[base + src];
            }
        }
    }
}
