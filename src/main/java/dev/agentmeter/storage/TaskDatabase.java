package dev.agentmeter.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.sqlite.SQLiteConfig;

import dev.agentmeter.metrics.TaskRecord;

/**
 * The SQLite database of recorded tasks: one connection in WAL mode, its schema migrated on open, and the
 * few statements storage runs. Writes happen between {@link #begin} and {@link #commit}.
 *
 * <p>Not thread-safe: one thread uses it at a time (the opening thread, then the journal's writer).
 */
final class TaskDatabase implements AutoCloseable {

    private static final int REPLAY_FETCH_SIZE = 1_000;
    private static final int PROBE_PAYLOAD_BYTES = 16 * 1024;

    private final Path file;
    private final Connection connection;
    private final PreparedStatement insert;
    private final PreparedStatement deleteOlder;

    private TaskDatabase(Path file, Connection connection) throws SQLException {
        this.file = file;
        this.connection = connection;
        this.insert = connection.prepareStatement(TaskRows.INSERT);
        this.deleteOlder = connection.prepareStatement("DELETE FROM tasks WHERE id IN (SELECT id FROM tasks "
                + "WHERE ts_millis < ? ORDER BY ts_millis LIMIT ?)");
    }

    /** Opens (or creates) the database at {@code file} and migrates it to the current schema. */
    static TaskDatabase open(Path file, Durability durability) throws StorageException {
        var config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(durability.synchronous());
        config.setBusyTimeout(5_000);
        Connection connection = null;
        try {
            connection = config.createConnection("jdbc:sqlite:" + file);
            SchemaMigrations.migrate(connection, SchemaMigrations.CURRENT_VERSION);
            // Transactions are begun and ended by statement (see begin), so that the driver never believes in a
            // transaction SQLite has already rolled back itself (as it does on SQLITE_FULL).
            connection.setAutoCommit(true);
            return new TaskDatabase(file, connection);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new StorageException("cannot open the database " + file + ": " + e.getMessage(), e);
        } catch (StorageException e) {
            closeQuietly(connection);
            throw new StorageException("cannot use the database " + file + ": " + e.getMessage(), e);
        }
    }

    Path file() {
        return file;
    }

    /** Queues {@code tasks} for insertion in the current transaction. */
    void insert(List<TaskRecord> tasks) throws SQLException {
        if (tasks.isEmpty()) {
            return;
        }
        for (TaskRecord task : tasks) {
            TaskRows.bind(insert, task);
            insert.addBatch();
        }
        insert.executeBatch();
    }

    /** Deletes every task, in the current transaction. */
    void deleteAll() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM tasks");
        }
    }

    /** Deletes at most {@code limit} of the oldest tasks that finished before {@code cutoff}; how many it did. */
    int deleteOlderThan(Instant cutoff, int limit) throws SQLException {
        deleteOlder.setLong(1, cutoff.toEpochMilli());
        deleteOlder.setInt(2, limit);
        return deleteOlder.executeUpdate();
    }

    /** Writes and removes a scratch row, so that a commit shows whether the disk takes writes again. */
    void probe() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO storage_probe (payload) VALUES (zeroblob(" + PROBE_PAYLOAD_BYTES
                    + "))");
            statement.executeUpdate("DELETE FROM storage_probe");
        }
    }

    /** What a replay fed, and what it skipped because a row could not be a task (edited by hand, say). */
    record Replayed(long tasks, long skipped) {
    }

    /** Feeds every stored task to {@code sink}, oldest first, reading forward only so memory stays flat. */
    Replayed replay(Consumer<TaskRecord> sink) throws SQLException {
        long tasks = 0;
        long skipped = 0;
        begin(); // one read snapshot for the whole replay
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(REPLAY_FETCH_SIZE);
            try (ResultSet rows = statement.executeQuery("SELECT " + TaskRows.COLUMNS
                    + " FROM tasks ORDER BY ts_millis, id")) {
                while (rows.next()) {
                    TaskRecord task;
                    try {
                        task = TaskRows.read(rows);
                    } catch (IllegalArgumentException | NullPointerException | DateTimeException e) {
                        skipped++;
                        continue;
                    }
                    sink.accept(task);
                    tasks++;
                }
            }
        } finally {
            rollbackQuietly(); // ends the read transaction, so the write-ahead log can be checkpointed
        }
        return new Replayed(tasks, skipped);
    }

    /** Begins a write transaction, taking the write lock at once. */
    void begin() throws SQLException {
        execute("BEGIN IMMEDIATE");
    }

    void commit() throws SQLException {
        execute("COMMIT");
    }

    /**
     * Abandons the current transaction, if SQLite has not already; quiet, because the failure that led here is
     * what gets reported.
     */
    void rollbackQuietly() {
        try {
            insert.clearBatch();
            execute("ROLLBACK");
        } catch (SQLException e) {
            // No transaction was active any more, or the connection is in trouble: the next write will say so.
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The open connection, for tests that inspect or constrain the database. */
    Connection connection() {
        return connection;
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // Closing is the last thing done with it.
        }
    }
}
