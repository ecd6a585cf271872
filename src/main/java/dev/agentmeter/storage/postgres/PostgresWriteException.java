package dev.agentmeter.storage.postgres;

/**
 * A task or a reset was not committed (yet): the queue is full, or the database is down. The task itself is
 * still recorded in this instance's memory; while the database is down it also waits in the bounded backlog.
 */
final class PostgresWriteException extends RuntimeException {

    PostgresWriteException(String message) {
        super(message);
    }

    PostgresWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
