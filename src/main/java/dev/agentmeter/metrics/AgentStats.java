package dev.agentmeter.metrics;

import java.time.Instant;

/**
 * The figures of one agent (or of {@link PerformanceMetrics#OTHER_AGENTS} for agents beyond the cap).
 *
 * @param latency {@code null} when the agent has no recorded task, which a listed agent never has
 */
public record AgentStats(String agent, long successfulRequests, long failedRequests, LatencySummary latency,
                         Instant lastRequestAt) {

    public long count() {
        return successfulRequests + failedRequests;
    }

    public double errorRate() {
        return Rates.percent(failedRequests, count());
    }
}
