package dev.agentmeter.operations;

import java.time.Instant;
import java.util.Map;

import dev.agentmeter.metrics.TaskRecord;

/**
 * The API's rules applied to a task read back from storage, so that a rebuild takes in exactly what a client
 * could have recorded: a row edited by hand or written by a bug (a 5,000-character name, {@code success} 5, a
 * duration of centuries) is refused with the same message the API would give, and the rebuild skips it.
 *
 * <p>Thread-safe (stateless).
 */
public final class StoredTasks {

    private StoredTasks() {
    }

    /**
     * The task that {@code fields} (in the API's field names: {@code name}, {@code duration_ms}, {@code success},
     * {@code error}, {@code agent} and the model-call fields) describe, finished at {@code timestamp}; or every
     * rule it breaks, each message starting with the field's name. A stored cost is kept as it was: nothing is
     * priced again (an unknown cost stays unknown).
     */
    public static Checked<TaskRecord> check(Map<String, ?> fields, Instant timestamp) {
        Checked<TaskReports.Report> report = TaskReports.check(Arguments.of(fields));
        if (report instanceof Checked.Invalid<TaskReports.Report> invalid) {
            return Checked.invalid(invalid.message());
        }
        return Checked.valid(((Checked.Valid<TaskReports.Report>) report).value().at(timestamp, CostEstimator.NONE));
    }
}
