package dev.metatune.hpo.storage;

import dev.metatune.hpo.Storage;

/**
 * Opens a storage from a short string, as the CLI and suite files name it:
 * <ul>
 *   <li>{@code memory}: {@link InMemoryStorage};</li>
 *   <li>{@code sqlite:PATH}, a path ending in {@code .db}, or {@code jdbc:sqlite:PATH}: an SQLite file;</li>
 *   <li>{@code jdbc:postgresql://HOST:PORT/DB?user=...}: PostgreSQL.</li>
 * </ul>
 */
public final class StorageFactory {

    private StorageFactory() {
    }

    public static Storage open(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("storage must be 'memory', 'sqlite:PATH', a .db file or a JDBC URL, got '"
                    + spec + "'");
        }
        String s = spec.trim();
        if (s.equals("memory")) {
            return new InMemoryStorage();
        }
        if (s.startsWith("jdbc:sqlite:") || s.startsWith("jdbc:postgresql:")) {
            return new JdbcStorage(s);
        }
        if (s.startsWith("sqlite:")) {
            return new JdbcStorage("jdbc:" + s);
        }
        if (s.endsWith(".db") && !s.contains(":")) {
            return new JdbcStorage("jdbc:sqlite:" + s);
        }
        throw new IllegalArgumentException("unknown storage '" + spec
                + "'; use memory, sqlite:PATH, PATH.db, jdbc:sqlite:PATH or jdbc:postgresql://HOST:PORT/DB");
    }
}
