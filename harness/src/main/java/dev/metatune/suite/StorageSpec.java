package dev.metatune.suite;

import java.util.Objects;

/**
 * Where a run keeps its studies and trials. In a suite: {@code sqlite} (the default: an SQLite
 * file in the run's folder), {@code memory} (nothing kept after the run), or a database to share
 * studies between runs ({@code sqlite:PATH}, {@code PATH.db}, {@code jdbc:sqlite:PATH} or
 * {@code jdbc:postgresql://HOST:PORT/DB}), the forms {@code StorageFactory.open} reads.
 */
public sealed interface StorageSpec permits StorageSpec.RunFolder, StorageSpec.Memory, StorageSpec.Jdbc {

    /** The value as written in a suite. */
    String text();

    /** An SQLite file in the run's folder. */
    record RunFolder() implements StorageSpec {
        @Override
        public String text() {
            return "sqlite";
        }
    }

    /** In memory only. */
    record Memory() implements StorageSpec {
        @Override
        public String text() {
            return "memory";
        }
    }

    /**
     * A database named by its JDBC URL ({@code sqlite:PATH} and {@code PATH.db} in a suite become
     * {@code jdbc:sqlite:PATH}); relative SQLite paths are relative to the working folder.
     */
    record Jdbc(String url) implements StorageSpec {

        /** The URL prefixes of the databases the HPO storage speaks. */
        public static final java.util.List<String> PREFIXES = java.util.List.of("jdbc:sqlite:", "jdbc:postgresql:");

        public Jdbc {
            Objects.requireNonNull(url, "url");
            if (PREFIXES.stream().noneMatch(url::startsWith)) {
                throw new IllegalArgumentException("storage URL must start with jdbc:sqlite: or jdbc:postgresql:, got '"
                        + url + "'");
            }
        }

        @Override
        public String text() {
            return url;
        }
    }
}
