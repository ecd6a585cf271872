package dev.agentmeter.operations;

import dev.agentmeter.metrics.LatencySummary;
import dev.agentmeter.metrics.MetricsSnapshot;

/** The contract's metrics object; JSON names are these components in snake_case. */
public record MetricsView(long totalRequests, long successfulRequests, long failedRequests,
                          double successRate, double errorRate,
                          Double avgResponseTimeMs, Double minResponseTimeMs, Double maxResponseTimeMs,
                          Double p50ResponseTimeMs, Double p95ResponseTimeMs, Double p99ResponseTimeMs,
                          long requestsPerMinute, long uptimeSeconds, String startedAt, String lastRequestAt) {

    static MetricsView of(MetricsSnapshot snapshot) {
        LatencySummary latency = snapshot.latency();
        boolean empty = latency == null;
        return new MetricsView(snapshot.totalRequests(), snapshot.successfulRequests(), snapshot.failedRequests(),
                snapshot.successRate(), snapshot.errorRate(),
                empty ? null : latency.avgMillis(), empty ? null : latency.minMillis(),
                empty ? null : latency.maxMillis(), empty ? null : latency.p50Millis(),
                empty ? null : latency.p95Millis(), empty ? null : latency.p99Millis(),
                snapshot.requestsLastMinute(), snapshot.uptime().toSeconds(),
                IsoTimestamps.format(snapshot.startedAt()), IsoTimestamps.format(snapshot.lastRequestAt()));
    }
}
