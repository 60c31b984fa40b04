package dev.metatune.hpo.storage;

/** A storage could not do what was asked: a database error, or a file it could not open. */
public final class StorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
