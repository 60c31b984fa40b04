package dev.metatune.cli;

/** A storage string fit for logs: a JDBC URL's password is replaced by stars. */
final class StorageDescription {

    private StorageDescription() {
    }

    static String redact(String storage) {
        return storage.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
