package dev.agentmeter.storage;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

import dev.agentmeter.metrics.ModelCall;
import dev.agentmeter.metrics.TaskRecord;

/**
 * How a task is a row of the {@code tasks} table: the column list, and binding a task to the insert. A part
 * that is unknown is SQL NULL; a task that was no model call has NULL in every model-call column. Rows are read
 * back through the API's own rules ({@code TaskDatabase.replay} and {@code StoredTasks}).
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
