package dev.agentmeter.alerts;

import java.time.Duration;
import java.time.Instant;

import org.HdrHistogram.Histogram;

/**
 * The tasks of the last {@code window}, in {@value #SLOTS} time slots that are reused as time moves on, so
 * memory stays bounded however many tasks arrive. A slot keeps its counts and a response-time histogram;
 * the window's figures are the sum of the slots that are still inside it (granularity: one slot).
 *
 * <p>Thread-safe: one short lock per window; recording does constant work under it.
 */
final class SlidingWindow {

    static final int SLOTS = 60;
    private static final int SIGNIFICANT_DIGITS = 2;

    private final long slotMillis;
    // Guarded by this: written by recording threads, read by the evaluating thread.
    private final Slot[] slots = new Slot[SLOTS];

    SlidingWindow(Duration window) {
        this.slotMillis = Math.max(1, window.toMillis() / SLOTS);
        for (int i = 0; i < SLOTS; i++) {
            slots[i] = new Slot();
        }
    }

    synchronized void record(Instant at, long durationMicros, boolean success) {
        long index = Math.floorDiv(at.toEpochMilli(), slotMillis);
        Slot slot = slots[(int) Math.floorMod(index, SLOTS)];
        if (slot.index != index) {
            if (slot.index > index) {
                return; // older than anything the window still holds
            }
            slot.clear(index);
        }
        if (success) {
            slot.successes++;
        } else {
            slot.failures++;
        }
        slot.latency.recordValue(Math.max(0, durationMicros));
    }

    /** The figures of the slots inside the window that ends at {@code now}. */
    synchronized WindowFigures figures(Instant now) {
        long newest = Math.floorDiv(now.toEpochMilli(), slotMillis);
        long oldest = newest - SLOTS + 1;
        long successes = 0;
        long failures = 0;
        var latency = new Histogram(SIGNIFICANT_DIGITS);
        for (Slot slot : slots) {
            if (slot.index >= oldest && slot.index <= newest) {
                successes += slot.successes;
                failures += slot.failures;
                latency.add(slot.latency);
            }
        }
        return new WindowFigures(successes, failures, latency);
    }

    synchronized void clear() {
        for (Slot slot : slots) {
            slot.clear(Long.MIN_VALUE);
        }
    }

    /** One slot's tasks. Not thread-safe: guarded by the window. */
    private static final class Slot {
        private long index = Long.MIN_VALUE;
        private long successes;
        private long failures;
        private final Histogram latency = new Histogram(SIGNIFICANT_DIGITS);

        void clear(long newIndex) {
            index = newIndex;
            successes = 0;
            failures = 0;
            latency.reset();
        }
    }
}
