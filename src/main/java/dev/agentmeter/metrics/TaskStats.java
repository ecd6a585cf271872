package dev.agentmeter.metrics;

import java.time.Instant;

/**
 * The figures of one task name (or of {@link PerformanceMetrics#OTHER_TASKS} for names beyond the cap).
 *
 * @param latency {@code null} when the name has no recorded task, which a listed name never has
 */
public record TaskStats(String name, long successfulRequests, long failedRequests, LatencySummary latency,
                        Instant lastRequestAt) {

    public long count() {
        return successfulRequests + failedRequests;
    }

    public double errorRate() {
        return Rates.percent(failedRequests, count());
    }
}
