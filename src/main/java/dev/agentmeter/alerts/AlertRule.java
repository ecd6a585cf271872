package dev.agentmeter.alerts;

import java.time.Duration;

/**
 * One alert rule, parsed from the command line: fires while {@code metric} over the last {@code window} is
 * above {@code threshold}.
 *
 * @param text      the rule as written, to show back to people
 * @param metric    what it watches
 * @param threshold percent for the error rate, milliseconds for a percentile
 * @param task      the one task it watches; null for every task
 * @param window    how far back the figure looks
 */
public record AlertRule(String text, AlertMetric metric, double threshold, String task, Duration window) {

    /** Whether a task of this name counts for the rule. */
    boolean covers(String taskName) {
        return task == null || task.equals(taskName);
    }
}
