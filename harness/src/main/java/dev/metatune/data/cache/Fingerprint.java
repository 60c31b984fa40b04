package dev.metatune.data.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Builds a short content fingerprint (the first 16 hex digits of a SHA-256) from the facts that decide
 * a cache file's contents: source member names, CRCs and sizes, the image size, the preprocessing.
 */
public final class Fingerprint {

    private final MessageDigest digest;

    /** An empty fingerprint builder. */
    public Fingerprint() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** Adds one fact, as a line. */
    public Fingerprint add(Object fact) {
        digest.update((fact + "\n").getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Adds raw bytes (e.g. a split file's contents). */
    public Fingerprint addBytes(byte[] bytes) {
        digest.update(bytes);
        digest.update((byte) '\n');
        return this;
    }

    /** The fingerprint so far; this builder must not be used afterwards. */
    public String finish() {
        return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    }
}
