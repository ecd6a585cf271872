package dev.agentmeter.metrics;

import java.time.Duration;

/**
 * How much a {@link PerformanceMetrics} keeps: everything it holds is bounded by these numbers.
 *
 * @param historySize      request history entries kept (the newest win)
 * @param errorLogSize     error log entries kept (the newest win)
 * @param maxTaskNames     distinct task names with their own stats; further names count under
 *                         {@link PerformanceMetrics#OTHER_TASKS}
 * @param timeSeriesWindow how far back the per-second time series reaches
 */
public record MetricsCapacities(int historySize, int errorLogSize, int maxTaskNames, Duration timeSeriesWindow) {

    public static final int DEFAULT_HISTORY_SIZE = 100;
    public static final int DEFAULT_ERROR_LOG_SIZE = 50;
    public static final int DEFAULT_MAX_TASK_NAMES = 500;
    public static final Duration DEFAULT_TIME_SERIES_WINDOW = Duration.ofMinutes(15);

    public MetricsCapacities {
        requireAtLeastOne(historySize, "historySize");
        requireAtLeastOne(errorLogSize, "errorLogSize");
        requireAtLeastOne(maxTaskNames, "maxTaskNames");
        if (timeSeriesWindow.toSeconds() < 60) {
            throw new IllegalArgumentException("timeSeriesWindow must be at least 60 seconds");
        }
    }

    public static MetricsCapacities defaults() {
        return new MetricsCapacities(DEFAULT_HISTORY_SIZE, DEFAULT_ERROR_LOG_SIZE, DEFAULT_MAX_TASK_NAMES,
                DEFAULT_TIME_SERIES_WINDOW);
    }

    public MetricsCapacities withHistorySize(int size) {
        return new MetricsCapacities(size, errorLogSize, maxTaskNames, timeSeriesWindow);
    }

    public MetricsCapacities withErrorLogSize(int size) {
        return new MetricsCapacities(historySize, size, maxTaskNames, timeSeriesWindow);
    }

    public MetricsCapacities withMaxTaskNames(int names) {
        return new MetricsCapacities(historySize, errorLogSize, names, timeSeriesWindow);
    }

    private static void requireAtLeastOne(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }
}
