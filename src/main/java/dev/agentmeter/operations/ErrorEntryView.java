package dev.agentmeter.operations;

import dev.agentmeter.metrics.TaskRecord;

/** One error log entry. */
public record ErrorEntryView(String timestamp, String endpoint, String errorMessage) {

    static ErrorEntryView of(TaskRecord task) {
        return new ErrorEntryView(IsoTimestamps.format(task.timestamp()), task.name(), task.error());
    }
}
