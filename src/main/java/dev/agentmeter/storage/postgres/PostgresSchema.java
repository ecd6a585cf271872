package dev.agentmeter.storage.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The shared database's schema, as an ordered list of migrations, with the same discipline as SQLite's: the
 * version lives in the database (a {@code schema_version} table, one row per applied migration), every missing
 * migration runs at start in its own transaction together with its row, and a released migration is never
 * edited (a change is a new migration at the end). Instances that start together take turns through an
 * advisory lock, so each migration runs once.
 *
 * <p>Not thread-safe: run on one connection, by its only user.
 */
final class PostgresSchema {

    /** One step from {@code version - 1} to {@code version}. */
    record Migration(int version, String purpose, List<String> statements) {
    }

    /** Taken by the transaction that migrates, so that two instances never migrate at once. */
    static final long MIGRATION_LOCK = 0x6167_6d65_7465_7201L;

    static final List<Migration> ALL = List.of(
            new Migration(1, "tasks in commit order, with the model call and trace of each", List.of(
                    // One order for tasks and resets alike: a follower reads what came after what it has seen.
                    "CREATE SEQUENCE fleet_order",
                    "CREATE TABLE tasks (id bigint PRIMARY KEY DEFAULT nextval('fleet_order'), "
                            + "instance_id text NOT NULL, finished_at timestamptz NOT NULL, name text NOT NULL, "
                            + "agent text, duration_micros bigint NOT NULL, success boolean NOT NULL, error text, "
                            + "model text, provider text, input_tokens bigint, output_tokens bigint, "
                            + "cache_read_tokens bigint, cache_write_tokens bigint, cost_nano_usd bigint, "
                            + "trace_id text)",
                    "CREATE INDEX tasks_by_time ON tasks (finished_at)")),
            new Migration(2, "the fleet: resets in the same order as tasks, and the instances seen", List.of(
                    "CREATE TABLE resets (id bigint PRIMARY KEY, instance_id text NOT NULL, "
                            + "reset_at timestamptz NOT NULL DEFAULT now())",
                    "CREATE TABLE instances (id text PRIMARY KEY, host text NOT NULL, "
                            + "started_at timestamptz NOT NULL, last_seen_at timestamptz NOT NULL, "
                            // The last batch each instance committed: a commit whose answer was lost is not redone.
                            + "last_batch bigint NOT NULL DEFAULT 0)")));

    static final int CURRENT_VERSION = ALL.get(ALL.size() - 1).version();

    private PostgresSchema() {
    }

    /**
     * Brings the database up to {@code target}, which tests set below {@link #CURRENT_VERSION} to make an old one.
     *
     * @return the version the database had before
     * @throws PostgresStartFailure when the database is newer than this program
     */
    static int migrate(Connection connection, int target) throws SQLException, PostgresStartFailure {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            int before = -1;
            while (true) {
                statement.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
                statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, "
                        + "purpose text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
                int found = version(statement);
                before = before < 0 ? found : before;
                if (found > CURRENT_VERSION) {
                    connection.rollback();
                    throw new PostgresStartFailure("the database's schema version is " + found + ", newer than "
                            + "this AgentMeter understands (" + CURRENT_VERSION + "); use a newer AgentMeter or "
                            + "another database");
                }
                if (found >= target) {
                    connection.rollback();
                    return before;
                }
                apply(connection, statement, ALL.get(found));
            }
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** The version the database is at: 0 for an empty one. */
    static int version(Statement statement) throws SQLException {
        try (var result = statement.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
            result.next();
            return result.getInt(1);
        }
    }

    private static void apply(Connection connection, Statement statement, Migration migration) throws SQLException {
        for (String sql : migration.statements()) {
            statement.execute(sql);
        }
        try (var insert = connection.prepareStatement("INSERT INTO schema_version (version, purpose) VALUES (?, ?)")) {
            insert.setInt(1, migration.version());
            insert.setString(2, migration.purpose());
            insert.executeUpdate();
        }
        connection.commit();
    }
}
