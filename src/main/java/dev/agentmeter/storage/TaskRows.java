package dev.agentmeter.storage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

import dev.agentmeter.metrics.ModelCall;
import dev.agentmeter.metrics.TaskRecord;

/**
 * How a task is a row of the {@code tasks} table: the column list, binding a task to the insert, and reading a
 * row back. A part that is unknown is SQL NULL and comes back {@code null}; a task that was no model call has
 * NULL in every model-call column and comes back without one.
 *
 * <p>Thread-safe (stateless); the statements it works on belong to one thread.
 */
final class TaskRows {

    /** The columns written and read, in the order of the insert's parameters and the select's results. */
    static final String COLUMNS = "ts_millis, name, agent, duration_micros, success, error, model, provider, "
            + "input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_nano_usd, trace_id";
    static final String INSERT = "INSERT INTO tasks (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private TaskRows() {
    }

    /** Sets every parameter of {@link #INSERT} from {@code task}. */
    static void bind(PreparedStatement insert, TaskRecord task) throws SQLException {
        insert.setLong(1, task.timestamp().toEpochMilli());
        insert.setString(2, task.name());
        setText(insert, 3, task.agent());
        insert.setLong(4, task.durationMicros());
        insert.setInt(5, task.success() ? 1 : 0);
        setText(insert, 6, task.error());
        ModelCall call = task.modelCall();
        boolean none = call == null;
        setText(insert, 7, none ? null : call.model());
        setText(insert, 8, none ? null : call.provider());
        setNumber(insert, 9, none ? null : call.inputTokens());
        setNumber(insert, 10, none ? null : call.outputTokens());
        setNumber(insert, 11, none ? null : call.cacheReadTokens());
        setNumber(insert, 12, none ? null : call.cacheWriteTokens());
        setNumber(insert, 13, none ? null : call.costNanoUsd());
        setText(insert, 14, task.traceId());
    }

    /**
     * The task of the current row of a select of {@link #COLUMNS}.
     *
     * @throws IllegalArgumentException when the row cannot be a task (a negative duration or token count, say)
     */
    static TaskRecord read(ResultSet row) throws SQLException {
        String model = row.getString(7);
        String provider = row.getString(8);
        Long input = number(row, 9);
        Long output = number(row, 10);
        Long cacheRead = number(row, 11);
        Long cacheWrite = number(row, 12);
        Long cost = number(row, 13);
        boolean modelCall = model != null || provider != null || input != null || output != null
                || cacheRead != null || cacheWrite != null || cost != null;
        return new TaskRecord(row.getString(2), row.getLong(4), row.getInt(5) != 0, row.getString(6),
                Instant.ofEpochMilli(row.getLong(1)), row.getString(3),
                modelCall ? new ModelCall(model, provider, input, output, cacheRead, cacheWrite, cost) : null,
                row.getString(14));
    }

    private static Long number(ResultSet row, int column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    private static void setText(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    private static void setNumber(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }
}
