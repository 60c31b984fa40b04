package dev.metatune.data.cache;

import dev.metatune.error.UserInputException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * A compact binary file of decoded images in a writable cache folder, so a second start skips decoding.
 *
 * <p>Format (big-endian, {@link DataOutputStream}): magic {@code "MTIMGCACHE"}, format version (int),
 * fingerprint (UTF), channels, height, width, class count (ints); per class its name (UTF), image count
 * (int) and the images' values (one unsigned byte each); then the CRC-32 (long) of everything before it.
 * A file whose magic, version, fingerprint or checksum does not match is stale or corrupt: it is never
 * trusted, and the caller decodes again and replaces it.
 *
 * <p>Writes go to a temporary file in the same folder that is then renamed into place atomically, so a
 * crash or a concurrent process never leaves or reads a half-written cache file.
 */
public final class ImageCache {

    /** Bump when the file layout changes. */
    public static final int FORMAT_VERSION = 1;

    private static final byte[] MAGIC = "MTIMGCACHE".getBytes(StandardCharsets.US_ASCII);
    private static final String TEMP_SUFFIX = ".tmp";

    private final Path file;

    /** A cache file at {@code file}; nothing is read or written yet. */
    public ImageCache(Path file) {
        this.file = file.toAbsolutePath();
    }

    /** A cache file in {@code cacheDir}, named from a readable stem and the fingerprint. */
    public static ImageCache in(Path cacheDir, String stem, String fingerprint) {
        return new ImageCache(cacheDir.resolve(stem + "-" + fingerprint + ".bin"));
    }

    /** The cache file's absolute path. */
    public Path file() {
        return file;
    }

    /**
     * The cached images when the file exists, is intact and carries {@code fingerprint}; otherwise
     * {@link Optional#empty()} (absent, stale or corrupt: decode again).
     */
    public Optional<CachedImages> read(String fingerprint) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        long fileSize;
        try {
            fileSize = Files.size(file);
        } catch (IOException e) {
            return Optional.empty();
        }
        try (InputStream raw = Files.newInputStream(file);
                CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(raw, 1 << 16), new CRC32());
                DataInputStream in = new DataInputStream(checked)) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!java.util.Arrays.equals(magic, MAGIC) || in.readInt() != FORMAT_VERSION) {
                return Optional.empty();
            }
            String stored = in.readUTF();
            if (!stored.equals(fingerprint)) {
                return Optional.empty();
            }
            int channels = in.readInt();
            int height = in.readInt();
            int width = in.readInt();
            int classes = in.readInt();
            // sizes come from the file: bound them by its length before allocating anything
            long per = (long) channels * height * width;
            if (channels < 1 || height < 1 || width < 1 || per > fileSize || classes < 0 || classes > fileSize) {
                return Optional.empty();
            }
            List<String> names = new ArrayList<>();
            List<byte[]> pixels = new ArrayList<>();
            for (int c = 0; c < classes; c++) {
                names.add(in.readUTF());
                int count = in.readInt();
                if (count < 0 || count * per > fileSize) {
                    return Optional.empty();
                }
                byte[] values = new byte[(int) (count * per)];
                in.readFully(values);
                pixels.add(values);
            }
            long expected = checked.getChecksum().getValue();
            if (in.readLong() != expected || in.read() != -1) {
                return Optional.empty();
            }
            return Optional.of(new CachedImages(fingerprint, channels, height, width, names, pixels));
        } catch (IOException | IllegalArgumentException e) {
            // truncated, unreadable or inconsistent: stale or corrupt, so it is rebuilt, never trusted
            return Optional.empty();
        }
    }

    /** Writes {@code images} atomically (temporary file, then rename), replacing any older file. */
    public void write(CachedImages images) {
        Path dir = file.getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, file.getFileName().toString() + ".", TEMP_SUFFIX);
            try (OutputStream raw = Files.newOutputStream(temp);
                    CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(raw, 1 << 16),
                            new CRC32());
                    DataOutputStream out = new DataOutputStream(checked)) {
                out.write(MAGIC);
                out.writeInt(FORMAT_VERSION);
                out.writeUTF(images.fingerprint());
                out.writeInt(images.channels());
                out.writeInt(images.height());
                out.writeInt(images.width());
                out.writeInt(images.names().size());
                for (int c = 0; c < images.names().size(); c++) {
                    out.writeUTF(images.names().get(c));
                    out.writeInt(images.imageCount(c));
                    out.write(images.pixels().get(c));
                }
                out.flush();
                out.writeLong(checked.getChecksum().getValue());
            }
            moveIntoPlace(temp);
            temp = null;
        } catch (IOException e) {
            throw new UserInputException("cannot write the image cache " + file + " (" + e
                    + "); expected a writable cache folder (set --cache-dir or METATUNE_CACHE)", e);
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
            }
        }
    }

    /**
     * The cached images for {@code fingerprint}, or decodes them with {@code decode}, writes them to this
     * file and returns them. If {@code decode} throws, nothing is written.
     */
    public CachedImages readOrBuild(String fingerprint, Supplier<CachedImages> decode) {
        Optional<CachedImages> cached = read(fingerprint);
        if (cached.isPresent()) {
            return cached.get();
        }
        CachedImages images = decode.get();
        if (!images.fingerprint().equals(fingerprint)) {
            throw new IllegalStateException("decoded images carry fingerprint " + images.fingerprint() + ", expected "
                    + fingerprint);
        }
        write(images);
        return images;
    }

    private void moveIntoPlace(Path temp) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // the temporary file is left for the operating system's cleanup; the original error is reported
        }
    }

    /** Whether {@code path} is a leftover temporary file of this class (for tests and cleanup). */
    public static boolean isTemporary(Path path) {
        return path.getFileName().toString().endsWith(TEMP_SUFFIX);
    }
}
