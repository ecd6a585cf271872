package dev.agentmeter.operations;

/**
 * What just changed in the figures, as the transports see it: a task was recorded, or everything was reset.
 * Listeners use it to tell their clients (resource updates, log messages) without reading the figures again.
 */
public sealed interface ChangeEvent permits ChangeEvent.TaskRecorded, ChangeEvent.Reset {

    /** A task was recorded; {@code error} is null when it succeeded. */
    record TaskRecorded(String name, double responseTimeMs, boolean success, String error) implements ChangeEvent {
    }

    /** Every figure was reset; {@code clearedRequests} tasks were forgotten. */
    record Reset(long clearedRequests) implements ChangeEvent {
    }
}
