package dev.agentmeter.storage.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.agentmeter.metrics.TaskRecord;

/**
 * The statements of one group commit, sent in as few round trips as the driver allows: each recording thread
 * that waits for its acknowledgment pays every round trip of the commit, so a batch goes out as one
 * multi-statement execution (lock, inserts, reset rows, the end, COMMIT) unless it is too big for the driver's
 * parameter limit, and then in a few. The server runs the statements in order, each with its own snapshot
 * (read committed), and skips those after one that fails, COMMIT included.
 *
 * <p>Not thread-safe: built and run by the writer thread.
 */
final class CommitScript {

    /** Rows per INSERT statement. */
    static final int ROWS_PER_INSERT = 500;
    /** Parameters per execution at most: the driver refuses more than 65,535 in one. */
    private static final int MAX_PARAMETERS = 30_000;
    private static final String INSERT_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    @FunctionalInterface
    interface Binder {
        /** Sets this statement's parameters, the first at {@code offset} (1-based). */
        void bind(PreparedStatement statement, int offset) throws SQLException;
    }

    private record Part(String sql, int parameters, Binder binder) {
    }

    private final List<Part> parts = new ArrayList<>();

    /** Adds a statement with {@code parameters} parameters, set by {@code binder}. */
    CommitScript add(String sql, int parameters, Binder binder) {
        parts.add(new Part(sql, parameters, binder));
        return this;
    }

    /** Adds a statement without parameters. */
    CommitScript add(String sql) {
        return add(sql, 0, (statement, offset) -> { });
    }

    /** Adds multi-row INSERTs of {@code tasks}, written by {@code instanceId}, in order. */
    CommitScript addInserts(String instanceId, List<TaskRecord> tasks) {
        for (int from = 0; from < tasks.size(); from += ROWS_PER_INSERT) {
            var rows = List.copyOf(tasks.subList(from, Math.min(tasks.size(), from + ROWS_PER_INSERT)));
            var sql = new StringBuilder(TaskRows.INSERT_INTO).append(" VALUES ");
            for (int i = 0; i < rows.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(INSERT_ROW);
            }
            add(sql.toString(), rows.size() * TaskRows.COLUMN_COUNT, (statement, offset) -> {
                for (int i = 0; i < rows.size(); i++) {
                    TaskRows.bind(statement, offset + i * TaskRows.COLUMN_COUNT, instanceId, rows.get(i));
                }
            });
        }
        return this;
    }

    /** Runs every statement; the first column of the last row any of them returned (null if none did). */
    Object run(Connection connection) throws SQLException {
        Object last = null;
        int from = 0;
        while (from < parts.size()) {
            int to = from;
            int parameters = 0;
            do {
                parameters += parts.get(to++).parameters();
            } while (to < parts.size() && parameters + parts.get(to).parameters() <= MAX_PARAMETERS);
            last = execute(connection, parts.subList(from, to), last);
            from = to;
        }
        return last;
    }

    private static Object execute(Connection connection, List<Part> execution, Object last) throws SQLException {
        var sql = new StringBuilder();
        for (Part part : execution) {
            sql.append(sql.length() == 0 ? "" : "; ").append(part.sql());
        }
        try (var statement = connection.prepareStatement(sql.toString())) {
            int offset = 1;
            for (Part part : execution) {
                part.binder().bind(statement, offset);
                offset += part.parameters();
            }
            for (boolean isRows = statement.execute(); isRows || statement.getUpdateCount() != -1;
                 isRows = statement.getMoreResults()) {
                if (isRows) {
                    try (var rows = statement.getResultSet()) {
                        last = rows.next() ? rows.getObject(1) : last;
                    }
                }
            }
        }
        return last;
    }
}
