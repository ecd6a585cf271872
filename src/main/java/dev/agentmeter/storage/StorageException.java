package dev.agentmeter.storage;

/** Storage cannot be used, for a reason stated in one line a person can act on (path included). */
public final class StorageException extends Exception {

    StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    StorageException(String message) {
        super(message);
    }
}
