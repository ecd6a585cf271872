package dev.agentmeter.export;

import java.util.Arrays;

import dev.agentmeter.metrics.MetricsEvent;
import dev.agentmeter.metrics.TaskRecord;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The agent tasks as Prometheus series: {@code agentmeter_tasks_total{task,outcome}} and the histogram
 * {@code agentmeter_task_duration_seconds{task}} with the OpenTelemetry GenAI bucket bounds. Fed by the core's
 * event listener, one task at a time.
 *
 * <p>The series are counters, so they only grow: a {@code reset_performance_metrics} clears the dashboard's
 * figures but not these, and PromQL's {@code rate()} and {@code increase()} need nothing else. (Dropping them
 * to zero would look like a process restart to Prometheus, which copes with that too, but would lose the
 * tasks recorded between the last scrape and the reset.)
 *
 * <p>Thread-safe: the Prometheus metrics are.
 */
final class TaskExporter {

    /** The OpenTelemetry GenAI semantic conventions' bucket bounds for operation durations, in seconds. */
    static final double[] GENAI_DURATION_BUCKETS =
            {0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300};

    private final TaskLabels labels;
    private final Counter tasks;
    private final Histogram durations;

    TaskExporter(TaskLabels labels, PrometheusRegistry registry) {
        this.labels = labels;
        this.tasks = Counter.builder()
                .name("agentmeter_tasks_total")
                .help("Agent tasks recorded, by task name and outcome (success or failure).")
                .labelNames(withOutcome(TaskLabels.NAMES))
                .register(registry);
        this.durations = Histogram.builder()
                .name("agentmeter_task_duration_seconds")
                .help("How long agent tasks took, in seconds.")
                .labelNames(TaskLabels.NAMES)
                .classicOnly()
                .classicUpperBounds(GENAI_DURATION_BUCKETS)
                .register(registry);
    }

    void onMetricsEvent(MetricsEvent event) {
        if (event instanceof MetricsEvent.TaskRecorded recorded) {
            record(recorded.task());
        }
    }

    private void record(TaskRecord task) {
        String[] values = labels.of(task);
        tasks.labelValues(withOutcome(values, task.success() ? "success" : "failure")).inc();
        durations.labelValues(values).observe(task.durationMicros() / 1e6);
    }

    private static String[] withOutcome(String[] names) {
        return withOutcome(names, "outcome");
    }

    private static String[] withOutcome(String[] values, String outcome) {
        var result = Arrays.copyOf(values, values.length + 1);
        result[values.length] = outcome;
        return result;
    }
}
