package dev.agentmeter.metrics;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Which lane of the overall and per-name figures ({@link PhasedStats}) the calling thread records into: as many
 * lanes as processors, and a thread keeps its lane until it finds another thread writing the same lane at the
 * same time, that is, from another core. Then it moves to another lane.
 *
 * <p>Why not a lane per thread (as the {@link WriterStripes} are): a lane holds histograms, about 400 KB of
 * counts that records touch here and there. With a lane per thread, eight threads on two cores wrote eight
 * lanes, and each thread the scheduler switched in brought its own lane back into the core's cache: measured
 * with four threads pinned to one core, 20-30% more CPU time per record than one thread, against 4% with one
 * lane for all. With lanes that threads move off only when two cores write one lane, the threads that take
 * turns on a core share a lane, already in that core's cache, and the threads running at once on different
 * cores end up on different lanes, as before.
 *
 * <p>How a collision is seen: each lane remembers the id of the thread that wrote it last (a plain field,
 * written only when the writer changes). A thread alone on its core's lane finds its own id there except after
 * being switched in; two threads writing one lane from two cores find each other's id on nearly every record.
 * A thread keeps the outcome of its last {@value #WINDOW} records and moves once {@value #MOVE_AFTER} of them
 * found another writer; it leaves the lane to the writer it found there, so only one of two colliding threads
 * moves. Either way nothing is lost: a lane's accumulators are atomic, so two writers on one
 * lane are correct, only slower.
 *
 * <p>A thread's lane and record of collisions are a hint in a small table indexed by thread id: two threads
 * whose ids share a slot share the hint, which costs speed, never a count.
 *
 * <p>Bounds: {@code count} lanes, a power of two from 1 to {@value LaneBudget#MAX_LANES}; the tables are
 * {@value #HINTS} hints of two ints (2 KB) and {@code count} owners, each alone in 128 bytes. The hints are not
 * padded: a thread writes its hint only for a few records after a collision (once per time slice when it takes
 * turns), so neighbours rarely miss on it.
 *
 * <p>Thread-safe and wait-free. The hints and owners are plain fields on purpose: a stale read only delays a
 * move by a record or makes one needless.
 */
final class WriterLanes {

    private static final int HINTS = 256;
    /** Records whose collisions a thread remembers (bits of an int). */
    static final int WINDOW = 8;
    /** Collisions within the window that move a thread to another lane. */
    static final int MOVE_AFTER = 4;

    private static final int HINT_LANE = 0;
    private static final int HINT_COLLISIONS = 1;
    // In longs: 128 bytes, two cache lines, beyond the adjacent-line prefetcher.
    private static final int OWNER_SPACING = 16;

    private final int count;
    private final int mask;
    // Per lane at OWNER_SPACING * (lane + 1): the id of the thread that recorded into it last. Written by a
    // writer that finds another id there; read by every writer of the lane.
    private final long[] owners;
    // Per thread-id slot at 2 * slot: its lane, and its last WINDOW records' collisions as bits. Written by the
    // thread (only while it collides or just collided), read by it at each record.
    private final int[] hints = new int[2 * HINTS];

    /** {@code count} lanes, a power of two from 1 to {@link LaneBudget#MAX_LANES}. */
    WriterLanes(int count) {
        if (count < 1 || count > LaneBudget.MAX_LANES || Integer.bitCount(count) != 1) {
            throw new IllegalArgumentException("lanes must be a power of two from 1 to " + LaneBudget.MAX_LANES
                    + ", was " + count);
        }
        this.count = count;
        this.mask = count - 1;
        this.owners = new long[OWNER_SPACING * (count + 2)];
    }

    /** One lane per available processor, rounded up to a power of two, at most {@link LaneBudget#MAX_LANES}. */
    static WriterLanes forProcessors(int processors) {
        int wanted = Math.min(Math.max(1, processors), LaneBudget.MAX_LANES);
        return new WriterLanes(Integer.bitCount(wanted) == 1 ? wanted : Integer.highestOneBit(wanted) << 1);
    }

    int count() {
        return count;
    }

    /** The calling thread's lane, from 0 to {@code count() - 1}, moved first if it collided too often. */
    int current() {
        long thread = Thread.currentThread().getId();
        int hint = 2 * ((int) thread & (HINTS - 1));
        int lane = hints[hint + HINT_LANE] & mask;
        int owner = OWNER_SPACING * (lane + 1);
        int collisions = hints[hint + HINT_COLLISIONS];
        if (owners[owner] != thread) {
            collisions = (collisions << 1 | 1) & ((1 << WINDOW) - 1);
            if (Integer.bitCount(collisions) >= MOVE_AFTER && count > 1) {
                // Leave the lane to the thread found there, so that it finds itself again and stays; take a
                // random other lane, so that several threads leaving one lane rarely meet again.
                lane = (lane + 1 + ThreadLocalRandom.current().nextInt(count - 1)) & mask;
                owner = OWNER_SPACING * (lane + 1);
                hints[hint + HINT_LANE] = lane;
                collisions = 0;
            }
            owners[owner] = thread;
            hints[hint + HINT_COLLISIONS] = collisions;
        } else if (collisions != 0) {
            hints[hint + HINT_COLLISIONS] = (collisions << 1) & ((1 << WINDOW) - 1);
        }
        return lane;
    }
}
