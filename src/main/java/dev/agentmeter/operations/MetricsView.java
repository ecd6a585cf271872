package dev.agentmeter.operations;

import dev.agentmeter.metrics.LatencySummary;
import dev.agentmeter.metrics.MetricsSnapshot;
import dev.agentmeter.metrics.TokenUsage;

/**
 * The contract's metrics object; JSON names are these components in snake_case. Token totals are 0 and
 * {@code totalCostUsd} is 0.0 when no model call reported any (the per-model figures tell known from unknown).
 */
public record MetricsView(long totalRequests, long successfulRequests, long failedRequests,
                          double successRate, double errorRate,
                          Double avgResponseTimeMs, Double minResponseTimeMs, Double maxResponseTimeMs,
                          Double p50ResponseTimeMs, Double p95ResponseTimeMs, Double p99ResponseTimeMs,
                          long requestsPerMinute, long uptimeSeconds, String startedAt, String lastRequestAt,
                          long totalInputTokens, long totalOutputTokens, long totalCacheReadTokens,
                          long totalCacheWriteTokens, double totalCostUsd) {

    /** The figures of tasks without any model call. */
    public MetricsView(long totalRequests, long successfulRequests, long failedRequests,
                       double successRate, double errorRate,
                       Double avgResponseTimeMs, Double minResponseTimeMs, Double maxResponseTimeMs,
                       Double p50ResponseTimeMs, Double p95ResponseTimeMs, Double p99ResponseTimeMs,
                       long requestsPerMinute, long uptimeSeconds, String startedAt, String lastRequestAt) {
        this(totalRequests, successfulRequests, failedRequests, successRate, errorRate, avgResponseTimeMs,
                minResponseTimeMs, maxResponseTimeMs, p50ResponseTimeMs, p95ResponseTimeMs, p99ResponseTimeMs,
                requestsPerMinute, uptimeSeconds, startedAt, lastRequestAt, 0, 0, 0, 0, 0.0);
    }

    static MetricsView of(MetricsSnapshot snapshot) {
        LatencySummary latency = snapshot.latency();
        boolean empty = latency == null;
        TokenUsage usage = snapshot.usage();
        Double cost = usage.costUsd();
        return new MetricsView(snapshot.totalRequests(), snapshot.successfulRequests(), snapshot.failedRequests(),
                snapshot.successRate(), snapshot.errorRate(),
                empty ? null : latency.avgMillis(), empty ? null : latency.minMillis(),
                empty ? null : latency.maxMillis(), empty ? null : latency.p50Millis(),
                empty ? null : latency.p95Millis(), empty ? null : latency.p99Millis(),
                snapshot.requestsLastMinute(), snapshot.uptime().toSeconds(),
                IsoTimestamps.format(snapshot.startedAt()), IsoTimestamps.format(snapshot.lastRequestAt()),
                usage.inputTokens(), usage.outputTokens(), usage.cacheReadTokens(), usage.cacheWriteTokens(),
                cost == null ? 0.0 : cost);
    }
}
