package dev.metatune.hpo.storage;

import dev.metatune.error.UserInputException;
import dev.metatune.hpo.Storage;

/**
 * Opens a storage from a short string, as the CLI and suite files name it:
 * <ul>
 *   <li>{@code memory}: {@link InMemoryStorage};</li>
 *   <li>{@code sqlite:PATH}, a path ending in {@code .db}, or {@code jdbc:sqlite:PATH}: an SQLite file;</li>
 *   <li>{@code jdbc:postgresql://HOST:PORT/DB?user=...}: PostgreSQL.</li>
 * </ul>
 * A string of none of these forms, and a storage that cannot be opened (a file that is not a
 * database, a folder that does not exist, a server that refuses), is a {@link UserInputException}
 * naming the storage and why.
 */
public final class StorageFactory {

    private StorageFactory() {
    }

    public static Storage open(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new UserInputException("storage must be 'memory', 'sqlite:PATH', a .db file or a JDBC URL, got '"
                    + spec + "'");
        }
        String s = spec.trim();
        if (s.equals("memory")) {
            return new InMemoryStorage();
        }
        if (s.startsWith("jdbc:sqlite:") || s.startsWith("jdbc:postgresql:")) {
            return jdbc(spec, s);
        }
        if (s.startsWith("sqlite:")) {
            return jdbc(spec, "jdbc:" + s);
        }
        if (s.endsWith(".db") && !s.contains(":")) {
            return jdbc(spec, "jdbc:sqlite:" + s);
        }
        throw new UserInputException("unknown storage '" + spec
                + "'; use memory, sqlite:PATH, PATH.db, jdbc:sqlite:PATH or jdbc:postgresql://HOST:PORT/DB");
    }

    private static Storage jdbc(String spec, String url) {
        try {
            return new JdbcStorage(url);
        } catch (StorageException e) {
            String why = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
            throw new UserInputException("storage '" + redact(spec) + "' cannot be opened: " + why, e);
        }
    }

    /** {@code spec} without a password given as a URL parameter. */
    private static String redact(String spec) {
        return spec.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
