package dev.agentmeter.storage.postgres;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import dev.agentmeter.metrics.ModelCall;
import dev.agentmeter.metrics.TaskRecord;

/**
 * A task as a row of the {@code tasks} table, both ways: the one place that knows the columns.
 *
 * <p>Stateless; thread-safe.
 */
final class TaskRows {

    /** An INSERT of tasks up to its VALUES, which take {@link #COLUMN_COUNT} parameters per row. */
    static final String INSERT_INTO = "INSERT INTO tasks (instance_id, finished_at, name, agent, duration_micros, "
            + "success, error, model, provider, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, "
            + "cost_nano_usd, trace_id)";
    static final int COLUMN_COUNT = 15;

    /** What {@link #read} expects, in this order. */
    static final String COLUMNS = "id, instance_id, finished_at, name, agent, duration_micros, success, error, model, "
            + "provider, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_nano_usd, trace_id";

    private static final char NUL = '\u0000';

    /** One stored row: its place in the fleet's order, who wrote it, and the task ({@code null} if not valid). */
    record Row(long id, String instanceId, TaskRecord task) {
    }

    private TaskRows() {
    }

    /**
     * Sets one row's parameters of an {@link #INSERT_INTO} for {@code task}, written by {@code instanceId}, the
     * first at {@code offset} (1-based).
     */
    static void bind(PreparedStatement insert, int offset, String instanceId, TaskRecord task) throws SQLException {
        int at = offset - 1;
        insert.setString(at + 1, instanceId);
        insert.setObject(at + 2, OffsetDateTime.ofInstant(task.timestamp(), ZoneOffset.UTC));
        insert.setString(at + 3, text(task.name()));
        setText(insert, at + 4, task.agent());
        insert.setLong(at + 5, task.durationMicros());
        insert.setBoolean(at + 6, task.success());
        setText(insert, at + 7, task.error());
        ModelCall call = task.modelCall();
        setText(insert, at + 8, call == null ? null : call.model());
        setText(insert, at + 9, call == null ? null : call.provider());
        setLong(insert, at + 10, call == null ? null : call.inputTokens());
        setLong(insert, at + 11, call == null ? null : call.outputTokens());
        setLong(insert, at + 12, call == null ? null : call.cacheReadTokens());
        setLong(insert, at + 13, call == null ? null : call.cacheWriteTokens());
        setLong(insert, at + 14, call == null ? null : call.costNanoUsd());
        setText(insert, at + 15, task.traceId());
    }

    /** The row under the cursor, selected with {@link #COLUMNS}. */
    static Row read(ResultSet rows) throws SQLException {
        long id = rows.getLong(1);
        String instanceId = rows.getString(2);
        try {
            OffsetDateTime finished = rows.getObject(3, OffsetDateTime.class);
            ModelCall call = modelCall(rows);
            var task = new TaskRecord(rows.getString(4), rows.getLong(6), rows.getBoolean(7), rows.getString(8),
                    finished.toInstant(), rows.getString(5), call, rows.getString(16));
            return new Row(id, instanceId, task);
        } catch (IllegalArgumentException | NullPointerException | DateTimeException e) {
            return new Row(id, instanceId, null); // edited by hand, say: skipped and counted by the reader
        }
    }

    private static ModelCall modelCall(ResultSet rows) throws SQLException {
        String model = rows.getString(9);
        String provider = rows.getString(10);
        Long input = nullableLong(rows, 11);
        Long output = nullableLong(rows, 12);
        Long cacheRead = nullableLong(rows, 13);
        Long cacheWrite = nullableLong(rows, 14);
        Long cost = nullableLong(rows, 15);
        if (model == null && provider == null && input == null && output == null && cacheRead == null
                && cacheWrite == null && cost == null) {
            return null;
        }
        return new ModelCall(model, provider, input, output, cacheRead, cacheWrite, cost);
    }

    private static Long nullableLong(ResultSet rows, int column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? null : value;
    }

    private static void setText(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, text(value));
        }
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    /** PostgreSQL's text cannot hold NUL: one such character would make the whole group commit fail, forever. */
    private static String text(String value) {
        return value.indexOf(NUL) < 0 ? value : value.replace(NUL, '\uFFFD');
    }
}
