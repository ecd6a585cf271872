package dev.agentmeter.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A bounded log of the newest entries: appending overwrites the oldest once full.
 *
 * <p>Thread-safe and lock-free: writers claim a sequence number and publish into its slot; readers
 * check each slot's sequence, so they never return an overwritten or half-published slot twice or out of
 * order. An entry still being published when a reader passes is simply not yet visible.
 */
final class EntryRing<T> {

    private record Slot<T>(long sequence, T entry) {
    }

    private final int capacity;
    // Slots are written by appenders and read by readers; each slot is replaced whole, never mutated.
    private final AtomicReferenceArray<Slot<T>> slots;
    // Incremented by appenders; read by readers to find the newest slot.
    private final AtomicLong nextSequence = new AtomicLong();

    EntryRing(int capacity) {
        this.capacity = capacity;
        this.slots = new AtomicReferenceArray<>(capacity);
    }

    void append(T entry) {
        long sequence = nextSequence.getAndIncrement();
        slots.set(index(sequence), new Slot<>(sequence, entry));
    }

    /** Up to {@code limit} entries, newest first. */
    List<T> newest(int limit) {
        int wanted = Math.min(limit, capacity);
        var result = new ArrayList<T>(Math.min(wanted, 16));
        long end = nextSequence.get();
        for (long sequence = end - 1; sequence >= 0 && sequence >= end - capacity && result.size() < wanted;
                sequence--) {
            Slot<T> slot = slots.get(index(sequence));
            if (slot == null || slot.sequence() < sequence) {
                continue; // claimed but not yet published
            }
            if (slot.sequence() > sequence) {
                break; // overwritten by a newer lap: everything older is gone too
            }
            result.add(slot.entry());
        }
        return result;
    }

    int capacity() {
        return capacity;
    }

    private int index(long sequence) {
        return (int) (sequence % capacity);
    }
}
