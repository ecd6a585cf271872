package dev.agentmeter.metrics;

/** What just changed in a {@link PerformanceMetrics}: a task was recorded, or everything was reset. */
public sealed interface MetricsEvent permits MetricsEvent.TaskRecorded, MetricsEvent.MetricsReset {

    /** A task was recorded; failed ones are what logs and alerts care about. */
    record TaskRecorded(TaskRecord task) implements MetricsEvent {
    }

    /** Every figure was reset; {@code forgottenTasks} tasks were dropped. */
    record MetricsReset(long forgottenTasks) implements MetricsEvent {
    }
}
