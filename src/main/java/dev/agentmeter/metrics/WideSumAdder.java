package dev.agentmeter.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * The writer side of a {@link WideSum}: many threads add non-negative longs at once, lock-free, and nothing can
 * overflow before the sum is drained. Each value is cut into three parts of {@value #PART_BITS} bits, each summed
 * by a {@link LongAdder} of its own, so every part's sum stays below 2^63 for 2^42 (4.4 × 10^12) values whatever
 * their size. A part that is zero is not added: a task under two seconds costs one add, as a plain LongAdder
 * would, one under 50 days two.
 *
 * <p>Thread-safe for concurrent {@link #add}; {@link #drainInto} must not race with writers.
 */
final class WideSumAdder {

    static final int PART_BITS = 21;
    private static final long PART_MASK = (1L << PART_BITS) - 1;

    // Added to by recording threads, read and cleared by the snapshot thread between phases.
    private final LongAdder lowParts = new LongAdder();
    private final LongAdder middleParts = new LongAdder();
    private final LongAdder highParts = new LongAdder();

    /** Adds {@code value}, which must not be negative. */
    void add(long value) {
        lowParts.add(value & PART_MASK);
        long rest = value >>> PART_BITS;
        if (rest != 0) {
            middleParts.add(rest & PART_MASK);
            rest >>>= PART_BITS;
            if (rest != 0) {
                highParts.add(rest);
            }
        }
    }

    /** Adds what was added here into {@code total} and clears this adder. */
    void drainInto(WideSum total) {
        total.add(lowParts.sumThenReset());
        total.addShifted(middleParts.sumThenReset(), PART_BITS);
        total.addShifted(highParts.sumThenReset(), 2 * PART_BITS);
    }
}
