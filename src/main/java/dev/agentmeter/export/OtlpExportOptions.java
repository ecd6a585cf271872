package dev.agentmeter.export;

import java.time.Duration;

/**
 * The bounds of an {@link OtlpTaskExporter}. Immutable.
 *
 * @param queueCapacity   tasks waiting to leave, at most; a task that finds the queue full is dropped and counted
 * @param maxBatch        spans in one export request, at most
 * @param scheduleDelay   how long a batch may wait to fill before it leaves anyway
 * @param exportTimeout   one export request, the SDK's own retries included
 * @param firstBackoff    the first wait before a retry (the SDK's first, and this exporter's after the SDK gives
 *                        up); each later wait doubles
 * @param maxBackoff      the longest wait between retries of a batch that cannot be delivered
 * @param flushBound      how long {@link OtlpTaskExporter#close()} keeps sending what is queued
 * @param dropQuietPeriod how long without a drop ends a dropping episode (and its log line says how many)
 */
public record OtlpExportOptions(int queueCapacity, int maxBatch, Duration scheduleDelay, Duration exportTimeout,
                                Duration firstBackoff, Duration maxBackoff, Duration flushBound,
                                Duration dropQuietPeriod) {

    public OtlpExportOptions {
        if (queueCapacity < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("queue capacity and batch size must be positive");
        }
        for (Duration duration : new Duration[] {scheduleDelay, exportTimeout, firstBackoff, maxBackoff, flushBound,
                dropQuietPeriod}) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("every duration must be positive, was " + duration);
            }
        }
    }

    /**
     * 10,000 queued tasks (a few MB at most), batches of 512 sent at least every second, 10 s per request with
     * the SDK's retries, then retries every 1 s doubling to 30 s; 2 s to flush at stop.
     */
    public static OtlpExportOptions defaults() {
        return new OtlpExportOptions(10_000, 512, Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(10));
    }
}
