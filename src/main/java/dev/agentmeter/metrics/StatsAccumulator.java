package dev.agentmeter.metrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The writer side of one set of figures for one recording phase: many threads record into it at once,
 * without locks. The reader drains it into {@link StatsTotals} only once the phaser has made it quiescent.
 *
 * <p>Thread-safe for concurrent writers; {@link #drainInto} must not race with writers.
 *
 * <p>Kept lean because every task is recorded twice (overall and under its name): the histogram's count
 * is the task count, so only failures have a counter of their own; the extremes and the newest time are
 * read on every record but written only when they change, with plain atomics rather than
 * {@code LongAccumulator}, whose shared lambda call site goes megamorphic.
 */
final class StatsAccumulator {

    // Written by recording threads, read and cleared by the snapshot thread between phases.
    private final LongAdder failures = new LongAdder();
    private final WideAdder sumMicros = new WideAdder();
    private final AtomicLong minMicros = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong maxMicros = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong lastEpochMillis = new AtomicLong(Long.MIN_VALUE);
    private final RecordingHistogram histogramMicros;

    StatsAccumulator(int significantDigits) {
        histogramMicros = new RecordingHistogram(significantDigits);
    }

    void record(long durationMicros, boolean success, long epochMillis) {
        if (!success) {
            failures.increment();
        }
        sumMicros.add(durationMicros);
        lowerTo(minMicros, durationMicros);
        raiseTo(maxMicros, durationMicros);
        raiseTo(lastEpochMillis, epochMillis);
        histogramMicros.record(durationMicros);
    }

    /** Adds what was recorded into {@code totals} and clears this accumulator for reuse. */
    void drainInto(StatsTotals totals) {
        if (maxMicros.get() == Long.MIN_VALUE) {
            return; // nothing recorded: every record raises the max
        }
        totals.add(failures.sumThenReset(), sumMicros, minMicros.getAndSet(Long.MAX_VALUE),
                maxMicros.getAndSet(Long.MIN_VALUE), lastEpochMillis.getAndSet(Long.MIN_VALUE), histogramMicros);
    }

    private static void lowerTo(AtomicLong extreme, long value) {
        long current = extreme.get();
        while (value < current && !extreme.compareAndSet(current, value)) {
            current = extreme.get(); // another writer moved it: compare again
        }
    }

    private static void raiseTo(AtomicLong extreme, long value) {
        long current = extreme.get();
        while (value > current && !extreme.compareAndSet(current, value)) {
            current = extreme.get();
        }
    }
}
