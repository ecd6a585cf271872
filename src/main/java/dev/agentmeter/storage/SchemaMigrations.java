package dev.agentmeter.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The database schema, as an ordered list of migrations. The schema's version is SQLite's
 * {@code PRAGMA user_version}; at start every migration above it runs, each in its own transaction together
 * with the version bump, so a crash leaves the database at one version or the next, never between.
 * A migration is never edited once released: a change is a new migration at the end.
 *
 * <p>Not thread-safe: run once, on the connection's only user.
 */
final class SchemaMigrations {

    /** One step from {@code version - 1} to {@code version}. */
    record Migration(int version, String purpose, List<String> statements) {
    }

    static final List<Migration> ALL = List.of(
            new Migration(1, "tasks, by time", List.of(
                    "CREATE TABLE tasks (id INTEGER PRIMARY KEY, ts_millis INTEGER NOT NULL, name TEXT NOT NULL, "
                            + "duration_micros INTEGER NOT NULL, success INTEGER NOT NULL, error TEXT)",
                    "CREATE INDEX tasks_by_time ON tasks (ts_millis)")),
            new Migration(2, "the agent that ran each task", List.of(
                    "ALTER TABLE tasks ADD COLUMN agent TEXT")),
            new Migration(3, "a scratch table for write probes while storage is failing", List.of(
                    "CREATE TABLE storage_probe (id INTEGER PRIMARY KEY, payload BLOB)")),
            new Migration(4, "the model call of each task (model, tokens, cost in nano-dollars) and its trace",
                    List.of("ALTER TABLE tasks ADD COLUMN model TEXT",
                            "ALTER TABLE tasks ADD COLUMN provider TEXT",
                            "ALTER TABLE tasks ADD COLUMN input_tokens INTEGER",
                            "ALTER TABLE tasks ADD COLUMN output_tokens INTEGER",
                            "ALTER TABLE tasks ADD COLUMN cache_read_tokens INTEGER",
                            "ALTER TABLE tasks ADD COLUMN cache_write_tokens INTEGER",
                            "ALTER TABLE tasks ADD COLUMN cost_nano_usd INTEGER",
                            "ALTER TABLE tasks ADD COLUMN trace_id TEXT")));

    static final int CURRENT_VERSION = ALL.get(ALL.size() - 1).version();

    private SchemaMigrations() {
    }

    /**
     * Brings the database up to {@code target}, which tests set below {@link #CURRENT_VERSION} to make an old one.
     *
     * @return the version the database had before
     * @throws StorageException when the database is newer than this program
     */
    static int migrate(Connection connection, int target) throws SQLException, StorageException {
        int found = version(connection);
        if (found > CURRENT_VERSION) {
            throw new StorageException("the database's schema version is " + found + ", newer than this "
                    + "AgentMeter understands (" + CURRENT_VERSION + "); use a newer AgentMeter or another --data");
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            for (Migration migration : ALL) {
                if (migration.version() > found && migration.version() <= target) {
                    apply(connection, migration);
                }
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return found;
    }

    static int version(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             var result = statement.executeQuery("PRAGMA user_version")) {
            return result.next() ? result.getInt(1) : 0;
        }
    }

    private static void apply(Connection connection, Migration migration) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : migration.statements()) {
                statement.execute(sql);
            }
            statement.execute("PRAGMA user_version = " + migration.version());
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
    }
}
