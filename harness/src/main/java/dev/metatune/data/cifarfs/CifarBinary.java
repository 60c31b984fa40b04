package dev.metatune.data.cifarfs;

import dev.metatune.data.DataException;
import dev.metatune.data.ImageDecoding;
import dev.metatune.data.cache.CachedImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the binary version of CIFAR-100: {@code train.bin} and {@code test.bin} (records of 3,074 bytes:
 * coarse label, fine label, then the 32x32 image as 1,024 red, 1,024 green and 1,024 blue values) and
 * {@code fine_label_names.txt}. Every image of both files, grouped by fine label.
 */
final class CifarBinary {

    static final int SIDE = 32;
    static final int RECORD = 2 + 3 * SIDE * SIDE;
    static final List<String> FILES = List.of("train.bin", "test.bin");

    private CifarBinary() {
    }

    /** The fine label names, in label order. */
    static List<String> labelNames(Path dir) {
        Path names = dir.resolve("fine_label_names.txt");
        List<String> lines;
        try {
            lines = Files.readAllLines(names, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new DataException("missing file " + names + "; expected the 100 CIFAR-100 fine label names, one a line",
                    e);
        } catch (IOException e) {
            throw new DataException(names + ": cannot be read (" + e.getMessage() + ")", e);
        }
        List<String> out = lines.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (out.isEmpty()) {
            throw new DataException(names + ": holds no label names; expected one fine label name a line");
        }
        return out;
    }

    /** Every image of train.bin and test.bin by fine label, resized to {@code size} when it is not 32. */
    static CachedImages read(Path dir, int size, String fingerprint) {
        List<String> names = labelNames(dir);
        int per = 3 * size * size;
        List<ByteArrayOutputStream> byClass = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            byClass.add(new ByteArrayOutputStream());
        }
        byte[] record = new byte[RECORD];
        for (String file : FILES) {
            Path p = dir.resolve(file);
            long length;
            try {
                length = Files.size(p);
            } catch (NoSuchFileException e) {
                throw new DataException("missing file " + p + "; expected the CIFAR-100 binary version ("
                        + String.join(", ", FILES) + ", fine_label_names.txt)", e);
            } catch (IOException e) {
                throw new DataException(p + ": cannot be read (" + e.getMessage() + ")", e);
            }
            if (length == 0 || length % RECORD != 0) {
                throw new DataException(p + ": " + length + " bytes, not a whole number of " + RECORD
                        + "-byte CIFAR-100 records");
            }
            try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(p), 1 << 16)) {
                for (long r = 0; r < length / RECORD; r++) {
                    if (in.readNBytes(record, 0, RECORD) != RECORD) {
                        throw new DataException(p + ": ends inside record " + r);
                    }
                    int label = record[1] & 0xff;
                    if (label >= names.size()) {
                        throw new DataException(p + " record " + r + ": fine label " + label + ", expected below "
                                + names.size() + " (the names in fine_label_names.txt)");
                    }
                    byClass.get(label).write(size == SIDE ? java.util.Arrays.copyOfRange(record, 2, RECORD)
                            : resize(record, size), 0, per);
                }
            } catch (IOException e) {
                throw new DataException(p + ": cannot be read (" + e.getMessage() + ")", e);
            }
        }
        List<byte[]> pixels = byClass.stream().map(ByteArrayOutputStream::toByteArray).toList();
        return new CachedImages(fingerprint, 3, size, size, names, pixels);
    }

    /** Images per fine label over both files, reading the labels only. */
    static int[] countLabels(Path dir, int labels) {
        int[] counts = new int[labels];
        for (String file : FILES) {
            Path p = dir.resolve(file);
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(p)) {
                long length = channel.size();
                if (length == 0 || length % RECORD != 0) {
                    throw new DataException(p + ": " + length + " bytes, not a whole number of " + RECORD
                            + "-byte CIFAR-100 records");
                }
                java.nio.ByteBuffer two = java.nio.ByteBuffer.allocate(2);
                for (long r = 0; r < length / RECORD; r++) {
                    two.clear();
                    while (two.hasRemaining() && channel.read(two, r * RECORD + two.position()) >= 0) {
                        // positional reads until both label bytes are in
                    }
                    int label = two.get(1) & 0xff;
                    if (label >= labels) {
                        throw new DataException(p + " record " + r + ": fine label " + label + ", expected below "
                                + labels + " (the names in fine_label_names.txt)");
                    }
                    counts[label]++;
                }
            } catch (NoSuchFileException e) {
                throw new DataException("missing file " + p + "; expected the CIFAR-100 binary version ("
                        + String.join(", ", FILES) + ", fine_label_names.txt)", e);
            } catch (IOException e) {
                throw new DataException(p + ": cannot be read (" + e.getMessage() + ")", e);
            }
        }
        return counts;
    }

    private static byte[] resize(byte[] record, int size) {
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        int plane = SIDE * SIDE;
        for (int p = 0; p < plane; p++) {
            int r = record[2 + p] & 0xff;
            int g = record[2 + plane + p] & 0xff;
            int b = record[2 + 2 * plane + p] & 0xff;
            image.setRGB(p % SIDE, p / SIDE, (r << 16) | (g << 8) | b);
        }
        return ImageDecoding.rgbPlanar(image, size);
    }
}
