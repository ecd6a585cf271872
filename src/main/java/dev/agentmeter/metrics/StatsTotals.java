package dev.agentmeter.metrics;

import java.time.Instant;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;

/**
 * The cumulative figures of one set of tasks, owned by the snapshot thread: not thread-safe, and only
 * touched while holding the snapshot lock of {@link PerformanceMetrics}.
 */
final class StatsTotals {

    private long successes;
    private long failures;
    private long sumMicros;
    private long minMicros = Long.MAX_VALUE;
    private long maxMicros = Long.MIN_VALUE;
    private long lastEpochMillis = Long.MIN_VALUE;
    private final Histogram histogramMicros;

    StatsTotals(int significantDigits) {
        histogramMicros = new Histogram(significantDigits);
        histogramMicros.setAutoResize(true);
    }

    void add(long ok, long failed, long sum, long min, long max, long lastMillis, AbstractHistogram histogram) {
        successes += ok;
        failures += failed;
        sumMicros += sum;
        minMicros = Math.min(minMicros, min);
        maxMicros = Math.max(maxMicros, max);
        lastEpochMillis = Math.max(lastEpochMillis, lastMillis);
        histogramMicros.add(histogram);
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
        long count = count();
        if (count == 0) {
            return null;
        }
        // Histogram buckets report a value up to its bucket's upper edge, which can pass the exact max:
        // clamping to the exact extremes keeps min <= p50 <= p95 <= p99 <= max true.
        long p50 = clamp(histogramMicros.getValueAtPercentile(50));
        long p95 = clamp(histogramMicros.getValueAtPercentile(95));
        long p99 = clamp(histogramMicros.getValueAtPercentile(99));
        return new LatencySummary(sumMicros / 1000.0 / count, minMicros / 1000.0, maxMicros / 1000.0,
                p50 / 1000.0, p95 / 1000.0, p99 / 1000.0);
    }

    private long clamp(long micros) {
        return Math.max(minMicros, Math.min(maxMicros, micros));
    }
}
