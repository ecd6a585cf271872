package dev.agentmeter.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link LongAdder} for large non-negative values (durations in microseconds, tokens, nano-dollars) that does
 * not wrap: each value is split into three 21-bit parts, each summed by an adder of its own. A part is below
 * 2^21, so a part's adder stays below 2^63 for 2^42 (4.4 trillion) additions between two drains: at a million
 * tasks a second that is 51 days with nobody reading, and every snapshot drains. A part that is zero is not
 * added: most values (a task under two seconds, most token counts and costs) cost one addition, as a plain
 * LongAdder would.
 *
 * <p>The drained sum goes either into a {@link WideSum} (exact beyond 2^63: the duration sum behind the
 * average) or, through {@link #sumThenReset}, into a long pinned at {@link Long#MAX_VALUE} (token and cost
 * totals, which no real fleet brings near it).
 *
 * <p>Thread-safe for concurrent {@link #add}; {@link #sumThenReset} and {@link #drainInto} must not race with
 * writers (the phaser of {@link PerformanceMetrics} keeps them apart).
 */
final class WideAdder {

    static final int PART_BITS = 21;
    static final long PART_MASK = (1L << PART_BITS) - 1;

    // Added to by recording threads; summed and cleared by the snapshot thread between phases.
    private final LongAdder low = new LongAdder();
    private final LongAdder middle = new LongAdder();
    private final LongAdder high = new LongAdder();

    /** Adds {@code value}, which must not be negative. */
    void add(long value) {
        low.add(value & PART_MASK);
        long rest = value >>> PART_BITS;
        if (rest != 0) {
            middle.add(rest & PART_MASK);
            rest >>>= PART_BITS;
            if (rest != 0) {
                high.add(rest);
            }
        }
    }

    /** Adds the sum since the last drain into {@code total}, exactly, and starts again from zero. */
    void drainInto(WideSum total) {
        total.add(low.sumThenReset());
        total.addShifted(middle.sumThenReset(), PART_BITS);
        total.addShifted(high.sumThenReset(), 2 * PART_BITS);
    }

    /** The sum since the last drain, {@link Long#MAX_VALUE} if it passes that; then starts again from zero. */
    long sumThenReset() {
        return combine(low.sumThenReset(), middle.sumThenReset(), high.sumThenReset());
    }

    /** {@code low + middle * 2^21 + high * 2^42}, or {@link Long#MAX_VALUE} when that does not fit a long. */
    static long combine(long low, long middle, long high) {
        return saturatingAdd(low, saturatingAdd(shifted(middle, PART_BITS), shifted(high, 2 * PART_BITS)));
    }

    /** {@code a + b} for non-negative values, pinned at {@link Long#MAX_VALUE} instead of wrapping. */
    static long saturatingAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static long shifted(long value, int bits) {
        return value > (Long.MAX_VALUE >>> bits) ? Long.MAX_VALUE : value << bits;
    }
}
