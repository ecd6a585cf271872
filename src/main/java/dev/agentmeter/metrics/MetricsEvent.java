package dev.agentmeter.metrics;

import java.time.Instant;

/**
 * What just changed in a {@link PerformanceMetrics}: a task was recorded, usage was recorded without a task,
 * or everything was reset.
 */
public sealed interface MetricsEvent
        permits MetricsEvent.TaskRecorded, MetricsEvent.UsageRecorded, MetricsEvent.MetricsReset {

    /**
     * A task was recorded; failed ones are what logs and alerts care about.
     *
     * @param foldedIn the task was recorded elsewhere (another instance sharing this one's store) and only
     *                 folded into this one's figures: whatever sends this instance's own tasks onward skips it
     */
    record TaskRecorded(TaskRecord task, boolean foldedIn) implements MetricsEvent {

        /** A task recorded here. */
        public TaskRecorded(TaskRecord task) {
            this(task, false);
        }
    }

    /** Tokens and cost were recorded without a task (by {@code agent}, {@code null} when unknown). */
    record UsageRecorded(String agent, ModelCall usage, Instant timestamp) implements MetricsEvent {
    }

    /** Every figure was reset; {@code forgottenTasks} tasks were dropped. */
    record MetricsReset(long forgottenTasks) implements MetricsEvent {
    }
}
