package dev.agentmeter.storage.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;

import dev.agentmeter.metrics.TaskRecord;

/**
 * Streams every stored task into the core at start, in the fleet's order, from one snapshot: the figures of
 * every instance, as of the newest commit it saw. Where it stopped is where the follower takes over.
 *
 * <p>Stateless.
 */
final class Rebuild {

    private static final int FETCH_ROWS = 1_000;

    /**
     * What a rebuild fed and skipped (rows that cannot be tasks: edited by hand, say), the newest reset in the
     * snapshot and the newest id in it.
     */
    record Result(long tasks, long skipped, long latestReset, long mark) {
    }

    private Rebuild() {
    }

    static Result run(Connection connection, Consumer<TaskRecord> sink) throws SQLException {
        connection.setAutoCommit(false); // a cursor: rows are fetched a page at a time, so memory stays flat
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            long latestReset = firstLong(statement, "SELECT coalesce(max(id), 0) FROM resets");
            long mark = Math.max(latestReset, firstLong(statement, "SELECT coalesce(max(id), 0) FROM tasks"));
            long tasks = 0;
            long skipped = 0;
            statement.setFetchSize(FETCH_ROWS);
            try (var rows = statement.executeQuery("SELECT " + TaskRows.COLUMNS + " FROM tasks ORDER BY id")) {
                while (rows.next()) {
                    TaskRecord task = TaskRows.read(rows).task();
                    if (task == null) {
                        skipped++;
                    } else {
                        sink.accept(task);
                        tasks++;
                    }
                }
            }
            connection.commit();
            return new Result(tasks, skipped, latestReset, mark);
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static long firstLong(Statement statement, String sql) throws SQLException {
        try (var result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
