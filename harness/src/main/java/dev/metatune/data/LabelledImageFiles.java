package dev.metatune.data;

import dev.metatune.data.cache.CachedImages;
import dev.metatune.data.cache.Fingerprint;
import dev.metatune.data.cache.ImageCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Image files (PNG or JPEG) grouped by class, before decoding: what a CSV listing or a folder per class
 * names. {@link #load} decodes them to RGB, {@code size x size}, one byte per value (see
 * {@link ImageDecoding#rgbPlanar}), through an {@link ImageCache} so a second start reads one file.
 *
 * @param description names the listing in error messages, e.g. {@code mini-imagenet/train.csv}
 * @param classes     class names
 * @param files       for each class, its image files
 */
public record LabelledImageFiles(String description, List<String> classes, List<List<Path>> files) {

    /** Bump when the RGB preprocessing changes. */
    static final String PREPROCESSING = "rgb planar, bilinear resize when the size differs, v1";

    /** Validates the listing: one file list per class, none empty, at least one class. */
    public LabelledImageFiles {
        Objects.requireNonNull(description, "description");
        classes = List.copyOf(classes);
        files = files.stream().map(List::copyOf).toList();
        if (classes.size() != files.size()) {
            throw new IllegalArgumentException("classes has " + classes.size() + " entries but files has " + files.size());
        }
        for (int c = 0; c < classes.size(); c++) {
            if (files.get(c).isEmpty()) {
                throw new DataException(description + ": class '" + classes.get(c) + "' has no images");
            }
        }
        if (classes.isEmpty()) {
            throw new DataException(description + ": holds no classes");
        }
    }

    /** The fewest images of any class. */
    public int minImagesPerClass() {
        return files.stream().mapToInt(List::size).min().orElse(0);
    }

    /**
     * A fingerprint of the listing: class names, every file's path, size and modification time, the size
     * and the preprocessing. A missing file is reported as a {@link DataException} naming it.
     */
    public String fingerprint(int size) {
        Fingerprint fp = new Fingerprint().add(PREPROCESSING).add(size);
        for (int c = 0; c < classes.size(); c++) {
            fp.add("class " + classes.get(c));
            for (Path p : files.get(c)) {
                try {
                    fp.add(p.toAbsolutePath() + " " + Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis());
                } catch (NoSuchFileException e) {
                    throw new DataException(description + " names the image " + p + ", which does not exist", e);
                } catch (IOException e) {
                    throw new DataException(p + ": cannot be read (" + e.getMessage() + ")", e);
                }
            }
        }
        return fp.finish();
    }

    /** Decodes every image (classes in parallel), without the cache. */
    public CachedImages decode(int size, String fingerprint) {
        int per = 3 * size * size;
        byte[][] pixels = new byte[classes.size()][];
        IntStream.range(0, classes.size()).parallel().forEach(c -> {
            List<Path> list = files.get(c);
            byte[] values = new byte[list.size() * per];
            for (int i = 0; i < list.size(); i++) {
                Path p = list.get(i);
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(p);
                } catch (NoSuchFileException e) {
                    throw new DataException(description + " names the image " + p + ", which does not exist", e);
                } catch (IOException e) {
                    throw new DataException(p + ": cannot be read (" + e.getMessage() + ")", e);
                }
                System.arraycopy(ImageDecoding.rgbPlanar(ImageDecoding.decode(bytes, p.toString()), size), 0, values,
                        i * per, per);
            }
            pixels[c] = values;
        });
        return new CachedImages(fingerprint, 3, size, size, classes, List.of(pixels));
    }

    /** The decoded images, from {@code cacheDir} when a current cache file is there, else decoded and cached. */
    public CachedImages load(Path cacheDir, String stem, int size) {
        String fingerprint = fingerprint(size);
        ImageCache cache = ImageCache.in(cacheDir, stem + "-" + size + "px", fingerprint);
        return cache.readOrBuild(fingerprint, () -> decode(size, fingerprint));
    }
}
