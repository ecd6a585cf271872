package dev.agentmeter.storage.postgres;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.List;

/**
 * Tells a failure that passes (the database is down, restarting, unreachable, out of connections) from one that
 * would repeat for the same write (a refused value): the first is retried when the database returns, the
 * second is not, so that one bad batch can never block every later one.
 */
final class Transience {

    // SQL state classes and codes of passing failures: connection exceptions, operator intervention (shutdown),
    // insufficient resources, system errors, and a serialization failure or deadlock.
    private static final List<String> PASSING_PREFIXES = List.of("08", "57P", "53", "58", "40001", "40P01");

    private Transience() {
    }

    /** Whether {@code failure} is likely to pass, so that the same write should be tried again later. */
    static boolean passes(SQLException failure) {
        if (failure instanceof SQLTransientException || failure instanceof SQLRecoverableException) {
            return true; // the pool's "no connection within the timeout" among them
        }
        String state = failure.getSQLState();
        return state == null || PASSING_PREFIXES.stream().anyMatch(state::startsWith);
    }

    /** Whether {@code failure} at start says that waiting will not help: refused credentials, no such database. */
    static boolean hopeless(SQLException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("28") || sql.getSQLState().equals("3D000"))) {
                return true;
            }
        }
        return false;
    }
}
