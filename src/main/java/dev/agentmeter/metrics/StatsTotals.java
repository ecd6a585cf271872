package dev.agentmeter.metrics;

import java.time.Instant;

import org.HdrHistogram.Histogram;

/**
 * The cumulative figures of one set of tasks, owned by the snapshot thread: not thread-safe, and only
 * touched while holding the snapshot lock of {@link PerformanceMetrics}. The duration sum is 128 bits wide, so
 * the average stays exact however many tasks of whatever length come in.
 *
 * <p>The latency summary is computed once per change: most of 500 task names have nothing new between two
 * dashboard pushes, and three percentile scans of a histogram cost microseconds each.
 */
final class StatsTotals {

    private long successes;
    private long failures;
    private final WideSum sumMicros = new WideSum();
    private long minMicros = Long.MAX_VALUE;
    private long maxMicros = Long.MIN_VALUE;
    private long lastEpochMillis = Long.MIN_VALUE;
    private final Histogram histogramMicros;
    // The summary of the figures above, or null until asked for since the last add.
    private LatencySummary latency;

    StatsTotals(int significantDigits) {
        histogramMicros = new Histogram(significantDigits);
        histogramMicros.setAutoResize(true);
    }

    /** Adds one drained phase; {@code sum} and {@code latencies} are emptied into this set's own. */
    void add(long failed, WideAdder sum, long min, long max, long lastMillis, RecordingHistogram latencies) {
        long count = latencies.drainInto(histogramMicros);
        successes += count - failed;
        failures += failed;
        sum.drainInto(sumMicros);
        minMicros = Math.min(minMicros, min);
        maxMicros = Math.max(maxMicros, max);
        lastEpochMillis = Math.max(lastEpochMillis, lastMillis);
        latency = null;
    }

    long successes() {
        return successes;
    }

    long failures() {
        return failures;
    }

    long count() {
        return successes + failures;
    }

    Instant lastRecordedAt() {
        return count() == 0 ? null : Instant.ofEpochMilli(lastEpochMillis);
    }

    /** {@code null} when nothing was recorded. */
    LatencySummary latency() {
        if (latency == null && count() > 0) {
            latency = summarize();
        }
        return latency;
    }

    private LatencySummary summarize() {
        long count = count();
        // Histogram buckets report a value up to its bucket's upper edge, which can pass the exact max:
        // clamping to the exact extremes keeps min <= p50 <= p95 <= p99 <= max true.
        long p50 = clamp(histogramMicros.getValueAtPercentile(50));
        long p95 = clamp(histogramMicros.getValueAtPercentile(95));
        long p99 = clamp(histogramMicros.getValueAtPercentile(99));
        return new LatencySummary(sumMicros.dividedBy(count) / 1000.0, minMicros / 1000.0, maxMicros / 1000.0,
                p50 / 1000.0, p95 / 1000.0, p99 / 1000.0);
    }

    private long clamp(long micros) {
        return Math.max(minMicros, Math.min(maxMicros, micros));
    }
}
