package dev.agentmeter.operations;

import dev.agentmeter.metrics.AgentStats;
import dev.agentmeter.metrics.LatencySummary;

/** One row of the per-agent breakdown. */
public record AgentStatsView(String agent, long count, long successfulRequests, long failedRequests, double errorRate,
                             Double avgResponseTimeMs, Double p50ResponseTimeMs, Double p95ResponseTimeMs,
                             Double p99ResponseTimeMs, String lastRequestAt) {

    static AgentStatsView of(AgentStats stats) {
        LatencySummary latency = stats.latency();
        boolean empty = latency == null;
        return new AgentStatsView(stats.agent(), stats.count(), stats.successfulRequests(), stats.failedRequests(),
                stats.errorRate(), empty ? null : latency.avgMillis(), empty ? null : latency.p50Millis(),
                empty ? null : latency.p95Millis(), empty ? null : latency.p99Millis(),
                IsoTimestamps.format(stats.lastRequestAt()));
    }
}
