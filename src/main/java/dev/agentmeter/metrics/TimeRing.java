package dev.agentmeter.metrics;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * A sliding window over time, in a fixed ring of slots reused as time moves on, so memory stays bounded however
 * much is recorded. Time is cut into numbered slots (slot {@code i} of one-second slots is epoch second {@code i});
 * the ring holds the newest {@link #size()} of them, each with a content made by the supplier when the slot is
 * first written. The one sliding window of the code: the per-second time series ({@code SecondSeries}) and the
 * alert rules' windows both keep their slots here; each chooses what a slot holds.
 *
 * <p>Thread-safe and lock-free: the first writer of a newer slot replaces the stale one with a CAS; a writer of a
 * slot older than the ring gets nothing. A place in the ring only ever holds newer slots, so each slot number has
 * exactly one content. Nearly every write lands in the newest slot, so it is also kept in {@link #latest}, sparing
 * the ring lookup (and its division) on the hot path. There is no clear: to forget everything, replace the ring.
 *
 * @param <S> what a slot holds; must be safe for the writers and readers that share it
 */
public final class TimeRing<S> {

    private record Slot<S>(long number, S content) {
    }

    private final int size;
    private final Supplier<S> newContent;
    // Each place is replaced whole by the first writer of a newer slot; read by writers and readers.
    private final AtomicReferenceArray<Slot<S>> slots;
    // Set by writers to the newest slot they installed or found; read by writers. Only a shortcut: a racing writer
    // may leave an older slot here, and writers then take the ring path.
    private volatile Slot<S> latest;

    public TimeRing(int size, Supplier<S> newContent) {
        if (size < 1) {
            throw new IllegalArgumentException("a time ring needs at least one slot, not " + size);
        }
        this.size = size;
        this.newContent = newContent;
        this.slots = new AtomicReferenceArray<>(size);
    }

    /** How many slots the ring holds. */
    public int size() {
        return size;
    }

    /**
     * The content of slot {@code number} for a writer, made on first use; {@code null} when the slot is older
     * than anything the ring still holds (its place already serves a newer slot).
     */
    public S slotForWriting(long number) {
        Slot<S> newest = latest;
        if (newest != null && newest.number() == number) {
            return newest.content();
        }
        Slot<S> slot = slotInRing(number);
        if (slot == null) {
            return null;
        }
        if (newest == null || slot.number() > newest.number()) {
            latest = slot;
        }
        return slot.content();
    }

    /** The content of slot {@code number} if the ring holds it; {@code null} when it was never written or is gone. */
    public S slotForReading(long number) {
        Slot<S> slot = slots.get(place(number));
        return slot != null && slot.number() == number ? slot.content() : null;
    }

    private Slot<S> slotInRing(long number) {
        int place = place(number);
        while (true) {
            Slot<S> current = slots.get(place);
            if (current != null && current.number() == number) {
                return current;
            }
            if (current != null && current.number() > number) {
                return null;
            }
            var fresh = new Slot<>(number, newContent.get());
            if (slots.compareAndSet(place, current, fresh)) {
                return fresh;
            }
        }
    }

    private int place(long number) {
        return (int) Math.floorMod(number, (long) size);
    }
}
