package dev.agentmeter.metrics;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many stripes the store's shared write state is split into, and which stripe the calling thread writes
 * to. Each stripe has its own phaser epochs, history ring and error ring, so writers on different stripes
 * share no written cache line on the recording path.
 *
 * <p>Four stripes per available processor, rounded up to a power of two and at most {@link #MAX_STRIPES}:
 * more threads than processors still mostly land on stripes of their own (only the running ones compete,
 * and they rarely share a stripe), while the per-stripe memory (two cache lines of epochs, a ring of
 * references) stays small.
 *
 * <p>A thread's stripe is its number among this store's writers, in the order of their first record, modulo the
 * count: the first {@code count()} threads that write get a stripe each, whatever their ids. Why not the thread id
 * modulo the count (as before): the ids of a server's threads are not consecutive (pools start threads at
 * different times, and the JVM's own threads take ids in between), so two writers running at once shared a stripe
 * by chance: for two threads one time in eight, and then both recorded at a third to a fifth of the speed
 * (measured with two threads on one stripe against two on stripes of their own, BENCHMARKS.md, issue 15). Two
 * threads on one stripe are still correct, only slower.
 *
 * <p>The number is kept in a {@link ThreadLocal} of this store's stripes: one small entry per thread that ever
 * recorded into it, gone with the thread, and dropped from a living thread's map once the store is collected.
 *
 * <p>Thread-safe.
 */
final class WriterStripes {

    /** The most stripes on any machine (reached from 16 processors up). */
    static final int MAX_STRIPES = 64;

    private static final int STRIPES_PER_PROCESSOR = 4;

    private final int count;
    private final int mask;
    private final AtomicInteger writers = new AtomicInteger();
    private final ThreadLocal<Integer> writerNumber = ThreadLocal.withInitial(writers::getAndIncrement);

    /** {@code count} stripes; it must be a power of two from 1 to {@link #MAX_STRIPES}. */
    WriterStripes(int count) {
        if (count < 1 || count > MAX_STRIPES || Integer.bitCount(count) != 1) {
            throw new IllegalArgumentException("stripes must be a power of two from 1 to " + MAX_STRIPES
                    + ", was " + count);
        }
        this.count = count;
        this.mask = count - 1;
    }

    /** Stripes for a machine with {@code processors} available processors. */
    static WriterStripes forProcessors(int processors) {
        int wanted = Math.min(Math.max(1, processors) * STRIPES_PER_PROCESSOR, MAX_STRIPES);
        return new WriterStripes(Integer.highestOneBit(wanted - 1) << 1); // wanted rounded up to a power of two
    }

    int count() {
        return count;
    }

    /** The calling thread's stripe, from 0 to {@code count() - 1}. */
    int current() {
        return writerNumber.get() & mask;
    }
}
