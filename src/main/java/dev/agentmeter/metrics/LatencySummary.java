package dev.agentmeter.metrics;

/**
 * Response-time figures of a set of tasks, in milliseconds. Exists only for a non-empty set, so every
 * field is a real number, and {@code min <= p50 <= p95 <= p99 <= max} always holds.
 */
public record LatencySummary(double avgMillis, double minMillis, double maxMillis,
                             double p50Millis, double p95Millis, double p99Millis) {
}
