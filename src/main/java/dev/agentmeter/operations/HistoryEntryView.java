package dev.agentmeter.operations;

import dev.agentmeter.metrics.TaskRecord;

/**
 * One request history entry; {@code endpoint} is the task name, {@code error} null when it succeeded,
 * {@code agent} null when the agent is unknown.
 */
public record HistoryEntryView(String timestamp, String endpoint, double responseTimeMs, boolean success,
                               String error, String agent) {

    static HistoryEntryView of(TaskRecord task) {
        return new HistoryEntryView(IsoTimestamps.format(task.timestamp()), task.name(), task.durationMillis(),
                task.success(), task.error(), task.agent());
    }
}
