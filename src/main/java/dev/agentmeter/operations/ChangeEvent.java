package dev.agentmeter.operations;

/**
 * What just changed in the figures, as the transports see it: a task was recorded, usage was recorded without
 * a task, or everything was reset. Listeners use it to tell their clients (resource updates, log messages)
 * without reading the figures again.
 */
public sealed interface ChangeEvent permits ChangeEvent.TaskRecorded, ChangeEvent.UsageRecorded, ChangeEvent.Reset {

    /** A task was recorded; {@code error} is null when it succeeded. */
    record TaskRecorded(String name, double responseTimeMs, boolean success, String error) implements ChangeEvent {
    }

    /**
     * Tokens or cost were recorded without a task: the metrics and the dashboard changed, no task's figures,
     * history or errors did.
     */
    record UsageRecorded() implements ChangeEvent {
    }

    /** Every figure was reset; {@code clearedRequests} tasks were forgotten. */
    record Reset(long clearedRequests) implements ChangeEvent {
    }
}
