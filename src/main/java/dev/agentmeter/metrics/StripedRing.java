package dev.agentmeter.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * A bounded newest-first log (the history, the error log) that writers on different {@link WriterStripes}
 * append to without sharing a sequence counter: each stripe appends to an {@link EntryRing} of its own, and a
 * reader merges the rings' newest entries by the monotonic time each was appended at.
 *
 * <p>Why a clock and not a shared counter: a counter that every writer increments is one cache line that
 * every record moves between the cores. {@code System.nanoTime()} is read on each core without any
 * communication, and it orders the entries as the calls happened: when one append returns before another
 * starts, the first one's stamp is the smaller. Entries appended at the same moment on two stripes have no
 * order of their own; either order is true. Within one ring, the ring's own sequence breaks ties.
 *
 * <p>A clock read costs about 24 ns here, a quarter of a record, so it is read only once a second ring has
 * been written to: as long as one ring alone has entries (one writer thread, as in stdio mode), its sequence
 * orders them and they carry the lowest stamp. The first append to another ring switches the log to stamps
 * for good: every entry appended after that is newer than every entry of the single-ring time, and only an
 * append that overlapped the switch can fall either side of it, which is as true as any order of two calls
 * at the same moment.
 *
 * <p>Bounded: every ring keeps {@code capacity} entries, so that a single writer still sees the full
 * capacity, and the rings together keep at most {@code max(capacity, }{@value #MAX_RETAINED_ENTRIES}{@code )}
 * entries: a large capacity gets fewer rings, shared by several stripes (one ring from 2,049 entries up,
 * which needs no stamps at all). Readers return at most {@code capacity} entries.
 *
 * <p>Thread-safe and lock-free, like {@link EntryRing}.
 */
final class StripedRing<T> {

    /** The most entries all rings of one log keep together, unless one ring alone holds more. */
    static final int MAX_RETAINED_ENTRIES = 4096;

    private static final int NO_RING_YET = -1;
    private static final int MANY_RINGS = -2;
    private static final long SINGLE_RING_STAMP = Long.MIN_VALUE;

    private static final Comparator<EntryRing.Slot<?>> NEWEST_FIRST =
            Comparator.comparingLong((EntryRing.Slot<?> slot) -> slot.stamp()).reversed();

    private final int capacity;
    private final EntryRing<T>[] rings;
    private final int ringMask;
    private final LongSupplier nanoTime;
    // The only ring written to so far, NO_RING_YET, or MANY_RINGS once a second ring was: set by appenders
    // (at most twice per log), read by every appender.
    private final AtomicInteger soleRing = new AtomicInteger(NO_RING_YET);

    @SuppressWarnings("unchecked")
    StripedRing(int capacity, int stripes, LongSupplier nanoTime) {
        this.capacity = capacity;
        int ringCount = Math.min(stripes, Integer.highestOneBit(Math.max(1, MAX_RETAINED_ENTRIES / capacity)));
        this.rings = new EntryRing[ringCount];
        for (int ring = 0; ring < ringCount; ring++) {
            rings[ring] = new EntryRing<>(capacity);
        }
        this.ringMask = ringCount - 1;
        this.nanoTime = nanoTime;
    }

    /** Appends {@code entry} for a writer on {@code stripe}. */
    void append(int stripe, T entry) {
        if (rings.length == 1) {
            rings[0].append(entry); // one ring: its sequence is the order, no stamp needed
            return;
        }
        int ring = stripe & ringMask;
        int sole = soleRing.get();
        boolean stamped = sole == MANY_RINGS || sole != ring && !claimSoleRing(ring);
        rings[ring].append(entry, stamped ? nanoTime.getAsLong() : SINGLE_RING_STAMP);
    }

    /**
     * Whether {@code ring} is (now) the only ring written to; otherwise the log has stamps from now on. Runs at
     * most a few times per log: once the log has stamps, appenders only read {@link #soleRing}, so its cache
     * line stays shared by all cores.
     */
    private boolean claimSoleRing(int ring) {
        if (soleRing.compareAndSet(NO_RING_YET, ring) || soleRing.get() == ring) {
            return true; // first here, or another writer of this ring was
        }
        soleRing.set(MANY_RINGS);
        return false;
    }

    /** Up to {@code limit} entries (at most the capacity), newest first. */
    List<T> newest(int limit) {
        if (rings.length == 1) {
            return rings[0].newest(limit);
        }
        int wanted = Math.min(limit, capacity);
        var slots = new ArrayList<EntryRing.Slot<T>>();
        for (EntryRing<T> ring : rings) {
            slots.addAll(ring.newestSlots(wanted));
        }
        // Each ring's slots are a descending run already: the stable sort merges the runs, and keeps a ring's
        // own order where stamps are equal (all of the single-ring time, or two appends in one tick).
        slots.sort(NEWEST_FIRST);
        var result = new ArrayList<T>(Math.min(wanted, slots.size()));
        for (int i = 0; i < wanted && i < slots.size(); i++) {
            result.add(slots.get(i).entry());
        }
        return result;
    }

    int capacity() {
        return capacity;
    }

    /** How many rings the entries are spread over (for tests and the bound above). */
    int ringCount() {
        return rings.length;
    }
}
