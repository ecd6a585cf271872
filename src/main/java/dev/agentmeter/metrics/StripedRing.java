package dev.agentmeter.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A bounded newest-first log (the history, the error log) that writers on different {@link WriterStripes}
 * append to without sharing a sequence counter: each stripe appends to an {@link EntryRing} of its own, and a
 * reader merges the rings.
 *
 * <p>The order, newest first: the entries of one ring keep the order they were appended in; between rings,
 * the newer entry by the log's {@code order} comes first (a merge of the rings, each taken in its own order).
 * The store orders tasks by their timestamps, which for a task recorded now is the store's clock read as it was
 * recorded: so a task recorded after another one finished, on any thread, comes first, as long as the wall
 * clock does not step back. Tasks with their own, older timestamps (a replay, a fold-in) keep their recording
 * order on their thread and fall behind newer tasks of other threads. Entries of two rings that the order finds
 * equal have no order of their own; either order is true.
 *
 * <p>Why the entries' own order and not a clock read or a shared counter: a counter that every writer
 * increments is one cache line that every record moves between the cores, and a {@code System.nanoTime()}
 * read per record measured about 30 ns more per record on two threads (BENCHMARKS.md, issue 15); the timestamp
 * is already in the task, and only readers compare it.
 *
 * <p>Bounded: every ring keeps {@code capacity} entries, so that a single writer still sees the full
 * capacity, and the rings together keep at most {@code max(capacity, }{@value #MAX_RETAINED_ENTRIES}{@code )}
 * entries: a large capacity gets fewer rings, shared by several stripes (one ring from 2,049 entries up).
 * Readers return at most {@code capacity} entries.
 *
 * <p>Thread-safe and lock-free, like {@link EntryRing}.
 */
final class StripedRing<T> {

    /** The most entries all rings of one log keep together, unless one ring alone holds more. */
    static final int MAX_RETAINED_ENTRIES = 4096;

    private final int capacity;
    private final EntryRing<T>[] rings;
    private final int ringMask;
    private final Comparator<? super T> order;

    /** A log whose entries of different rings are merged by {@code order} (the smaller is older). */
    @SuppressWarnings("unchecked")
    StripedRing(int capacity, int stripes, Comparator<? super T> order) {
        this.capacity = capacity;
        this.order = order;
        int ringCount = Math.min(stripes, Integer.highestOneBit(Math.max(1, MAX_RETAINED_ENTRIES / capacity)));
        this.rings = new EntryRing[ringCount];
        for (int ring = 0; ring < ringCount; ring++) {
            rings[ring] = new EntryRing<>(capacity);
        }
        this.ringMask = ringCount - 1;
    }

    /** Appends {@code entry} for a writer on {@code stripe}. */
    void append(int stripe, T entry) {
        rings[stripe & ringMask].append(entry);
    }

    /** Up to {@code limit} entries (at most the capacity), newest first. */
    List<T> newest(int limit) {
        if (rings.length == 1) {
            return rings[0].newest(limit);
        }
        int wanted = Math.min(limit, capacity);
        var runs = new ArrayList<List<T>>(rings.length);
        for (EntryRing<T> ring : rings) {
            List<T> run = ring.newest(wanted);
            if (!run.isEmpty()) {
                runs.add(run);
            }
        }
        return merged(runs, wanted);
    }

    int capacity() {
        return capacity;
    }

    /** How many rings the entries are spread over (for tests and the bound above). */
    int ringCount() {
        return rings.length;
    }

    /** The first {@code wanted} entries of the runs merged: each run in its order, the newer head first. */
    private List<T> merged(List<List<T>> runs, int wanted) {
        int[] next = new int[runs.size()];
        var result = new ArrayList<T>(wanted);
        while (result.size() < wanted) {
            int newest = -1;
            for (int run = 0; run < runs.size(); run++) {
                if (next[run] < runs.get(run).size() && (newest < 0
                        || order.compare(runs.get(run).get(next[run]), runs.get(newest).get(next[newest])) > 0)) {
                    newest = run;
                }
            }
            if (newest < 0) {
                break; // every run is used up
            }
            result.add(runs.get(newest).get(next[newest]++));
        }
        return result;
    }
}
