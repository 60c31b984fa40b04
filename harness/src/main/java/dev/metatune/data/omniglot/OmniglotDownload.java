package dev.metatune.data.omniglot;

import dev.metatune.data.DataException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Fetches Omniglot's official archives and the Vinyals split files into the data root when they are
 * absent: each to a temporary file beside its destination, checked (the archives by md5), then renamed
 * into place atomically, so an interrupted download leaves no partial file under the real name.
 *
 * @param archiveBase where {@code images_background.zip} and {@code images_evaluation.zip} are, ending in /
 * @param splitBase   where {@code train.txt}, {@code val.txt}, {@code trainval.txt}, {@code test.txt} are,
 *                    ending in /
 * @param md5         expected md5 (lower-case hex) of each archive, by file name
 */
public record OmniglotDownload(URI archiveBase, URI splitBase, Map<String, String> md5) {

    /** The official archives: the brendenlake/omniglot repository's {@code python/} folder. */
    public static final URI OFFICIAL_ARCHIVES = URI.create("https://github.com/brendenlake/omniglot/raw/master/python/");
    /** The Vinyals split files as published with Snell et al.'s prototypical networks. */
    public static final URI OFFICIAL_SPLITS = URI.create(
            "https://raw.githubusercontent.com/jakesnell/prototypical-networks/master/data/omniglot/splits/vinyals/");
    /** md5 of the official {@code images_background.zip}. */
    public static final String BACKGROUND_MD5 = "68d2efa1b9178cc56df9314c21c6e718";
    /** md5 of the official {@code images_evaluation.zip}. */
    public static final String EVALUATION_MD5 = "6b91aef0f799c5bb55b94e3f2daec811";

    static final List<String> VINYALS_SPLITS = List.of("train", "val", "trainval", "test");

    /** Validates that both archives have an expected md5. */
    public OmniglotDownload {
        Objects.requireNonNull(archiveBase, "archiveBase");
        Objects.requireNonNull(splitBase, "splitBase");
        md5 = Map.copyOf(md5);
        for (String stem : List.of(OmniglotDataset.BACKGROUND, OmniglotDataset.EVALUATION)) {
            if (!md5.containsKey(stem + ".zip")) {
                throw new IllegalArgumentException("md5 must name " + stem + ".zip, got " + md5.keySet());
            }
        }
    }

    /** The official locations and checksums. */
    public static OmniglotDownload official() {
        return new OmniglotDownload(OFFICIAL_ARCHIVES, OFFICIAL_SPLITS, Map.of(
                OmniglotDataset.BACKGROUND + ".zip", BACKGROUND_MD5, OmniglotDataset.EVALUATION + ".zip", EVALUATION_MD5));
    }

    /** Downloads every archive and split file that {@code dir} (the data root's {@code omniglot/}) lacks. */
    void fetchMissing(Path dir) {
        boolean needed = false;
        for (String stem : List.of(OmniglotDataset.BACKGROUND, OmniglotDataset.EVALUATION)) {
            needed |= !OmniglotArchive.present(dir, stem);
        }
        Path splits = dir.resolve("splits").resolve("vinyals");
        for (String s : VINYALS_SPLITS) {
            needed |= !Files.isRegularFile(splits.resolve(s + ".txt"));
        }
        if (!needed) {
            return;
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        for (String stem : List.of(OmniglotDataset.BACKGROUND, OmniglotDataset.EVALUATION)) {
            if (!OmniglotArchive.present(dir, stem)) {
                String file = stem + ".zip";
                fetch(client, archiveBase.resolve(file), dir.resolve(file), md5.get(file), dir);
            }
        }
        for (String s : VINYALS_SPLITS) {
            Path target = splits.resolve(s + ".txt");
            if (!Files.isRegularFile(target)) {
                fetch(client, splitBase.resolve(s + ".txt"), target, null, dir);
            }
        }
    }

    private static void fetch(HttpClient client, URI from, Path target, String expectedMd5, Path dir) {
        Path temp = null;
        try {
            Files.createDirectories(target.getParent());
            temp = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".part");
            HttpRequest request = HttpRequest.newBuilder(from).timeout(Duration.ofMinutes(10)).GET().build();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IOException("HTTP status " + response.statusCode());
                }
                try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), md5)) {
                    in.transferTo(out);
                }
            }
            String actual = HexFormat.of().formatHex(md5.digest());
            if (expectedMd5 != null && !expectedMd5.equalsIgnoreCase(actual)) {
                throw new DataException("downloaded " + from + " has md5 " + actual + ", expected " + expectedMd5
                        + "; nothing was kept; " + byHand(dir));
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target);
            }
            temp = null;
        } catch (IOException e) {
            throw new DataException("could not download " + from + " to " + target + " (" + e + "); " + byHand(dir), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataException("interrupted while downloading " + from + "; " + byHand(dir), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every Java platform", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the original error is the one reported
                }
            }
        }
    }

    private static String byHand(Path dir) {
        return "to install by hand, place images_background.zip and images_evaluation.zip (from "
                + OFFICIAL_ARCHIVES + ") in " + dir + " and the Vinyals split files train.txt, val.txt, trainval.txt, "
                + "test.txt (from " + OFFICIAL_SPLITS + ") in " + dir.resolve("splits").resolve("vinyals");
    }
}
