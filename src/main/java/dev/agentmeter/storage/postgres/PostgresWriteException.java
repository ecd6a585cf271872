package dev.agentmeter.storage.postgres;

/**
 * A task or a reset was not committed (yet): the database is down, or storage is closed. The task itself is
 * still recorded in this instance's memory; while the database is down it also waits in the bounded backlog.
 * (A full queue refuses the recording before anything is recorded: no such exception then.)
 */
final class PostgresWriteException extends RuntimeException {

    PostgresWriteException(String message) {
        super(message);
    }

    PostgresWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
