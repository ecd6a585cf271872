package dev.agentmeter.operations;

import dev.agentmeter.metrics.LatencySummary;
import dev.agentmeter.metrics.TaskStats;

/** One row of the per-task breakdown. */
public record TaskStatsView(String name, long count, long successfulRequests, long failedRequests, double errorRate,
                            Double avgResponseTimeMs, Double minResponseTimeMs, Double maxResponseTimeMs,
                            Double p50ResponseTimeMs, Double p95ResponseTimeMs, Double p99ResponseTimeMs,
                            String lastRequestAt) {

    static TaskStatsView of(TaskStats stats) {
        LatencySummary latency = stats.latency();
        boolean empty = latency == null;
        return new TaskStatsView(stats.name(), stats.count(), stats.successfulRequests(), stats.failedRequests(),
                stats.errorRate(),
                empty ? null : latency.avgMillis(), empty ? null : latency.minMillis(),
                empty ? null : latency.maxMillis(), empty ? null : latency.p50Millis(),
                empty ? null : latency.p95Millis(), empty ? null : latency.p99Millis(),
                IsoTimestamps.format(stats.lastRequestAt()));
    }
}
