package dev.agentmeter.metrics;

import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.ConcurrentHistogram;

/**
 * The writer side of one set of figures for one recording phase: many threads record into it at once,
 * without locks. The reader drains it into {@link StatsTotals} only once the phaser has made it quiescent.
 *
 * <p>Thread-safe for concurrent writers; {@link #drainInto} must not race with writers.
 */
final class StatsAccumulator {

    // Written by recording threads, read and cleared by the snapshot thread between phases.
    private final LongAdder successes = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder sumMicros = new LongAdder();
    private final LongAccumulator minMicros = new LongAccumulator(Math::min, Long.MAX_VALUE);
    private final LongAccumulator maxMicros = new LongAccumulator(Math::max, Long.MIN_VALUE);
    private final LongAccumulator lastEpochMillis = new LongAccumulator(Math::max, Long.MIN_VALUE);
    private final ConcurrentHistogram histogramMicros;

    StatsAccumulator(int significantDigits) {
        histogramMicros = new ConcurrentHistogram(significantDigits);
        histogramMicros.setAutoResize(true);
    }

    void record(long durationMicros, boolean success, long epochMillis) {
        (success ? successes : failures).increment();
        sumMicros.add(durationMicros);
        minMicros.accumulate(durationMicros);
        maxMicros.accumulate(durationMicros);
        lastEpochMillis.accumulate(epochMillis);
        histogramMicros.recordValue(durationMicros);
    }

    /** Adds what was recorded into {@code totals} and clears this accumulator for reuse. */
    void drainInto(StatsTotals totals) {
        long ok = successes.sumThenReset();
        long failed = failures.sumThenReset();
        if (ok + failed == 0) {
            return;
        }
        totals.add(ok, failed, sumMicros.sumThenReset(), minMicros.getThenReset(), maxMicros.getThenReset(),
                lastEpochMillis.getThenReset(), histogramMicros);
        histogramMicros.reset();
    }
}
