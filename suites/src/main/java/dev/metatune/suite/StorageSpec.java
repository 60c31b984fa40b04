package dev.metatune.suite;

import java.util.Objects;

/**
 * Where a run keeps its studies and trials. In a suite: {@code sqlite} (the default: an SQLite
 * file in the run's folder), {@code memory} (nothing kept after the run), or a JDBC URL
 * ({@code jdbc:sqlite:...} or {@code jdbc:postgresql://...}) to share studies between runs.
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

    /** A database named by its JDBC URL. */
    record Jdbc(String url) implements StorageSpec {
        public Jdbc {
            Objects.requireNonNull(url, "url");
            if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql://")) {
                throw new IllegalArgumentException("storage URL must start with jdbc:sqlite: or jdbc:postgresql://, got '"
                        + url + "'");
            }
        }

        @Override
        public String text() {
            return url;
        }
    }
}
