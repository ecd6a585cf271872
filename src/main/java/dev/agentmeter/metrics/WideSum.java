package dev.agentmeter.metrics;

import java.math.BigInteger;

/**
 * An unsigned 128-bit sum, as two longs, for the total of task durations in microseconds: a long wraps after
 * about 107 million tasks of 24 hours, 128 bits never will (10^12 tasks of a year each are below 2^86). The
 * average comes out exact to well below a microsecond: the integer quotient is exact, the remainder a fraction.
 *
 * <p>Not thread-safe: owned by the snapshot thread, like the {@link StatsTotals} that holds it.
 */
final class WideSum {

    // The sum is high * 2^64 + low, low read as unsigned.
    private long high;
    private long low;

    /** Adds {@code value}, which must not be negative. */
    void add(long value) {
        addWide(0, value);
    }

    /** Adds {@code value * 2^shift}; {@code value} must not be negative, {@code shift} is 1 to 63. */
    void addShifted(long value, int shift) {
        addWide(value >>> (Long.SIZE - shift), value << shift);
    }

    /** The sum divided by {@code count} (which is positive): exact quotient plus the remainder as a fraction. */
    double dividedBy(long count) {
        if (high == 0 && low >= 0) {
            return low / count + (double) (low % count) / count;
        }
        BigInteger[] quotientAndRemainder = toBigInteger().divideAndRemainder(BigInteger.valueOf(count));
        return quotientAndRemainder[0].doubleValue() + quotientAndRemainder[1].doubleValue() / count;
    }

    /** The exact sum, for tests and for the rare division above 2^63. */
    BigInteger toBigInteger() {
        return BigInteger.valueOf(high).shiftLeft(Long.SIZE).add(new BigInteger(Long.toUnsignedString(low)));
    }

    private void addWide(long addHigh, long addLow) {
        long sum = low + addLow;
        long carry = Long.compareUnsigned(sum, low) < 0 ? 1 : 0;
        low = sum;
        high += addHigh + carry;
    }
}
