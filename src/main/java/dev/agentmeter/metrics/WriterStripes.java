package dev.agentmeter.metrics;

/**
 * How many stripes the store's shared write state is split into, and which stripe the calling thread writes
 * to. Each stripe has its own phaser epochs, history ring and error ring, so writers on different stripes
 * share no written cache line on the recording path.
 *
 * <p>Four stripes per available processor, rounded up to a power of two and at most {@link #MAX_STRIPES}:
 * more threads than processors still mostly land on stripes of their own (only the running ones compete,
 * and they rarely share a stripe), while the per-stripe memory (two cache lines of epochs, a ring of
 * references) stays small. The stripe is the thread id modulo the count: threads of a pool get consecutive
 * ids, so they spread over the stripes evenly. Two threads on one stripe are still correct, only slower.
 *
 * <p>Immutable and thread-safe.
 */
final class WriterStripes {

    /** The most stripes on any machine (reached from 16 processors up). */
    static final int MAX_STRIPES = 64;

    private static final int STRIPES_PER_PROCESSOR = 4;

    private final int count;
    private final int mask;

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
        return (int) Thread.currentThread().getId() & mask;
    }
}
