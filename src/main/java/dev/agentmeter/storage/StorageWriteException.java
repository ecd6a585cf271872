package dev.agentmeter.storage;

/** A task or a clear could not be written; the task itself is still recorded in memory. */
final class StorageWriteException extends RuntimeException {

    StorageWriteException(String message) {
        super(message);
    }

    StorageWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
