package dev.agentmeter.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.sqlite.SQLiteConfig;

import dev.agentmeter.metrics.ModelCall;
import dev.agentmeter.metrics.TaskRecord;
import dev.agentmeter.operations.Checked;
import dev.agentmeter.operations.StoredTasks;

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
            if (StorageHealth.isDamage(e)) {
                throw StorageHealth.damaged(file, e);
            }
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

    /**
     * What a replay fed, and what it skipped because a row is no task the API would accept (edited by hand, or
     * written by a bug): {@code skippedByField} counts the skipped rows by each field at fault, in field order.
     */
    record Replayed(long tasks, long skipped, Map<String, Long> skippedByField) {
    }

    /**
     * Feeds every stored task that the API's rules accept to {@code sink}, oldest first, reading forward only so
     * memory stays flat. A row they refuse is skipped and counted.
     */
    Replayed replay(Consumer<TaskRecord> sink) throws SQLException {
        long tasks = 0;
        long skipped = 0;
        var skippedByField = new TreeMap<String, Long>();
        begin(); // one read snapshot for the whole replay
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(REPLAY_FETCH_SIZE);
            try (ResultSet rows = statement.executeQuery("SELECT " + TaskRows.COLUMNS
                    + " FROM tasks ORDER BY ts_millis, id")) {
                while (rows.next()) {
                    Checked<TaskRecord> task = StoredTasks.check(fields(rows), Instant.ofEpochMilli(rows.getLong(1)));
                    if (task instanceof Checked.Valid<TaskRecord> valid) {
                        sink.accept(valid.value());
                        tasks++;
                    } else {
                        skipped++;
                        for (String problem : ((Checked.Invalid<TaskRecord>) task).message().split("; ")) {
                            skippedByField.merge(problem.split(" ", 2)[0], 1L, Long::sum);
                        }
                    }
                }
            }
        } finally {
            rollbackQuietly(); // ends the read transaction, so the write-ahead log can be checkpointed
        }
        return new Replayed(tasks, skipped, skippedByField);
    }

    /** A row as the API's fields, its values as the columns hold them (a hand-edited row may hold anything). */
    private static Map<String, Object> fields(ResultSet row) throws SQLException {
        var fields = new HashMap<String, Object>();
        fields.put("name", row.getObject(2));
        fields.put("agent", row.getObject(3));
        Object micros = row.getObject(4);
        fields.put("duration_ms", micros instanceof Long || micros instanceof Integer
                ? ((Number) micros).longValue() / 1000.0 : micros);
        fields.put("success", flag(row.getObject(5)));
        fields.put("error", row.getObject(6));
        fields.put("model", row.getObject(7));
        fields.put("provider", row.getObject(8));
        fields.put("input_tokens", row.getObject(9));
        fields.put("output_tokens", row.getObject(10));
        fields.put("cache_read_tokens", row.getObject(11));
        fields.put("cache_write_tokens", row.getObject(12));
        Object costNanoUsd = row.getObject(13);
        // Exact both ways: a cost of at most 100,000 dollars is at most 1e14 nano-dollars, below 2^53.
        fields.put("cost_usd", costNanoUsd instanceof Long || costNanoUsd instanceof Integer
                ? ((Number) costNanoUsd).longValue() / (double) ModelCall.NANOS_PER_USD : costNanoUsd);
        fields.put("trace_id", row.getObject(14));
        return fields;
    }

    /** 0 and 1 are how a boolean is stored; any other value stays as it is, for the API's rules to refuse. */
    private static Object flag(Object stored) {
        boolean whole = stored instanceof Integer || stored instanceof Long;
        if (whole && (((Number) stored).longValue() == 0 || ((Number) stored).longValue() == 1)) {
            return ((Number) stored).longValue() == 1;
        }
        return stored;
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
