package dev.agentmeter.alerts;

import java.time.Duration;
import java.time.Instant;

import org.HdrHistogram.Histogram;

import dev.agentmeter.metrics.TimeRing;

/**
 * The tasks of one rule's last {@code window}, in {@value #SLOTS} slots of the core's {@link TimeRing}, so memory
 * stays bounded however many tasks arrive. A slot keeps its counts and a response-time histogram (two significant
 * digits: a threshold is compared within 1%, finer than the time series' chart buckets); the window's figures are
 * the sum of the slots still inside it (granularity: one slot). {@link #clear} swaps in an empty ring, as a reset of
 * the metrics swaps in a new generation.
 *
 * <p>Thread-safe: the ring is lock-free; each slot has a short lock of its own, held for constant work by a writer
 * and for one histogram addition by the evaluating thread.
 */
final class SlidingWindow {

    static final int SLOTS = 60;
    private static final int SIGNIFICANT_DIGITS = 2;

    private final long slotMillis;
    // Replaced by clear (a reset); read by recording threads and the evaluating thread.
    private volatile TimeRing<Slot> ring = newRing();

    SlidingWindow(Duration window) {
        this.slotMillis = Math.max(1, window.toMillis() / SLOTS);
    }

    void record(Instant at, long durationMicros, boolean success) {
        Slot slot = ring.slotForWriting(Math.floorDiv(at.toEpochMilli(), slotMillis));
        if (slot != null) {
            slot.record(durationMicros, success);
        }
    }

    /** The figures of the slots inside the window that ends at {@code now}. */
    WindowFigures figures(Instant now) {
        TimeRing<Slot> current = ring;
        long newest = Math.floorDiv(now.toEpochMilli(), slotMillis);
        var total = new Slot();
        for (long number = newest - SLOTS + 1; number <= newest; number++) {
            Slot slot = current.slotForReading(number);
            if (slot != null) {
                slot.addTo(total);
            }
        }
        return new WindowFigures(total.successes, total.failures, total.latency);
    }

    void clear() {
        ring = newRing();
    }

    private static TimeRing<Slot> newRing() {
        return new TimeRing<>(SLOTS, Slot::new);
    }

    /** One slot's tasks. Guarded by the slot itself: written by recording threads, read by the evaluator. */
    private static final class Slot {
        private long successes;
        private long failures;
        private final Histogram latency = new Histogram(SIGNIFICANT_DIGITS);

        synchronized void record(long durationMicros, boolean success) {
            if (success) {
                successes++;
            } else {
                failures++;
            }
            latency.recordValue(Math.max(0, durationMicros));
        }

        /** Adds this slot's figures to {@code total}, which only the calling thread sees. */
        synchronized void addTo(Slot total) {
            total.successes += successes;
            total.failures += failures;
            total.latency.add(latency);
        }
    }
}
