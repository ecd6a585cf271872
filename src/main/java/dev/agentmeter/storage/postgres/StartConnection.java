package dev.agentmeter.storage.postgres;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first connection at start, waited for up to the start timeout: a database that starts together with
 * AgentMeter (one service file, one compose file) may need a few seconds. Refused credentials or a missing
 * database are answered at once, since waiting will not mend them.
 */
final class StartConnection {

    private static final Logger log = LoggerFactory.getLogger(StartConnection.class);

    private StartConnection() {
    }

    static Connection await(DataSource pool, PostgresSettings settings) throws PostgresStartFailure {
        String database = settings.location().display();
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        boolean logged = false;
        while (true) {
            try {
                return pool.getConnection();
            } catch (SQLException e) {
                String problem = PostgresHealth.describe(e);
                if (Transience.hopeless(e)) {
                    throw new PostgresStartFailure("cannot use " + database + ": " + problem, e);
                }
                if (System.nanoTime() - deadline >= 0) {
                    throw new PostgresStartFailure("cannot reach " + database + " within "
                            + settings.startTimeout().toSeconds() + " s: " + problem, e);
                }
                if (!logged) {
                    log.warn("Waiting for {} (at most {} s): {}", database, settings.startTimeout().toSeconds(),
                            problem);
                    logged = true;
                }
                pause(settings.probeInterval().toMillis());
            }
        }
    }

    private static void pause(long millis) throws PostgresStartFailure {
        try {
            Thread.sleep(millis); // a start that waits for a database: nothing else runs yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PostgresStartFailure("interrupted while waiting for the database", e);
        }
    }
}
