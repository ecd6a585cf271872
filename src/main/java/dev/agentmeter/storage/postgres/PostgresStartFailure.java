package dev.agentmeter.storage.postgres;

/**
 * The PostgreSQL store cannot start (unreachable past the start timeout, refused credentials, a schema newer
 * than this program), for a reason stated in one line a person can act on; never quotes the password.
 */
public final class PostgresStartFailure extends Exception {

    PostgresStartFailure(String message) {
        super(message);
    }

    PostgresStartFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
