package dev.agentmeter.operations;

import java.util.List;

/**
 * Throughput, failures and latency over a recent window, for all tasks, from the per-second time series.
 *
 * @param seconds                the window's length
 * @param errorRate              percent of the window's tasks that failed, 0 when there were none
 * @param worstP95ResponseTimeMs the highest p95 of any one second in the window; null without tasks
 * @param trend                  the window in equal slices, oldest first, to show whether things get worse
 */
public record WindowView(long seconds, long totalRequests, long failedRequests, double errorRate,
                         double requestsPerMinute, Double worstP95ResponseTimeMs, List<TrendPoint> trend) {

    /** One slice of the window; {@code from} is its start (ISO-8601 UTC). */
    public record TrendPoint(String from, long seconds, long requests, long failures, Double worstP95ResponseTimeMs) {
    }
}
