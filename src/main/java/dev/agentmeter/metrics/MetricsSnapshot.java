package dev.agentmeter.metrics;

import java.time.Duration;
import java.time.Instant;

/**
 * The global figures at one instant. Immutable: read, serialise and show it without any lock.
 *
 * <p>All counts, latencies, tokens and costs come from the same set of recorded tasks (and usage), so
 * {@code totalRequests == successfulRequests + failedRequests} and the latency order hold, and the tokens are
 * those of exactly the counted tasks.
 *
 * @param latency           {@code null} when no task has been recorded since the last reset
 * @param requestsLastMinute tasks that finished in the last 60 seconds
 * @param lastRequestAt     {@code null} when no task has been recorded since the last reset
 * @param usage             tokens and cost of the model calls and usage since the last reset
 */
public record MetricsSnapshot(long successfulRequests, long failedRequests, LatencySummary latency,
                              long requestsLastMinute, Instant startedAt, Instant lastRequestAt,
                              Instant takenAt, TokenUsage usage) {

    /** Figures without any model call. */
    public MetricsSnapshot(long successfulRequests, long failedRequests, LatencySummary latency,
                           long requestsLastMinute, Instant startedAt, Instant lastRequestAt, Instant takenAt) {
        this(successfulRequests, failedRequests, latency, requestsLastMinute, startedAt, lastRequestAt, takenAt,
                TokenUsage.NONE);
    }

    public long totalRequests() {
        return successfulRequests + failedRequests;
    }

    /** Percent of tasks that succeeded, 0 when there are none. */
    public double successRate() {
        return totalRequests() == 0 ? 0 : 100.0 - errorRate();
    }

    /** Percent of tasks that failed, 0 when there are none. */
    public double errorRate() {
        return Rates.percent(failedRequests, totalRequests());
    }

    public Duration uptime() {
        return Duration.between(startedAt, takenAt);
    }
}
