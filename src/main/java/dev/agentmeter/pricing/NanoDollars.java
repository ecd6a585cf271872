package dev.agentmeter.pricing;

import java.math.BigInteger;

/**
 * Exact token-times-price sums, rounded once to the nearest nano-dollar.
 *
 * <p>A price is carried as an integer count of units of 1e-9 USD per million tokens (1e-15 USD a token), so
 * {@code tokens x units} is an exact integer in 1e-15 USD and a cost in nano-dollars is the sum divided by
 * 10^6. Long arithmetic serves every realistic call (a fast path with no allocation beyond the caller's
 * arrays); a product or sum that would overflow switches to {@link BigInteger}. Written here rather than with
 * BigDecimal throughout because cost is computed once per model call on the recording path.
 *
 * <p>Stateless; thread-safe.
 */
final class NanoDollars {

    private static final double UNITS_PER_USD_PER_MILLION = 1e9;
    private static final long UNITS_PER_NANO = 1_000_000;
    private static final BigInteger BIG_UNITS_PER_NANO = BigInteger.valueOf(UNITS_PER_NANO);
    private static final BigInteger BIG_HALF_NANO = BigInteger.valueOf(UNITS_PER_NANO / 2);
    private static final BigInteger BIG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private NanoDollars() {
    }

    /**
     * A price in USD per million tokens as units of 1e-9 USD per million tokens. Exact for prices of at most
     * 9 decimal places up to {@link ModelPrice#MAX_PER_MILLION}: the product stays below 2^51, where the
     * double's rounding error is far below one half.
     */
    static long units(double usdPerMillion) {
        return Math.round(usdPerMillion * UNITS_PER_USD_PER_MILLION);
    }

    /** {@code round(sum(tokens[i] x units[i]) / 10^6)}, half up; non-negative inputs; saturates at Long.MAX_VALUE. */
    static long sumRounded(long[] tokens, long[] units) {
        long total = 0;
        for (int i = 0; i < tokens.length; i++) {
            long product = tokens[i] * units[i];
            if (Math.multiplyHigh(tokens[i], units[i]) != 0 || product < 0) {
                return exactSumRounded(tokens, units);
            }
            total += product;
            if (total < 0) {
                return exactSumRounded(tokens, units);
            }
        }
        long nanos = total / UNITS_PER_NANO;
        return total % UNITS_PER_NANO >= UNITS_PER_NANO / 2 ? nanos + 1 : nanos;
    }

    private static long exactSumRounded(long[] tokens, long[] units) {
        BigInteger total = BigInteger.ZERO;
        for (int i = 0; i < tokens.length; i++) {
            total = total.add(BigInteger.valueOf(tokens[i]).multiply(BigInteger.valueOf(units[i])));
        }
        BigInteger nanos = total.add(BIG_HALF_NANO).divide(BIG_UNITS_PER_NANO);
        return nanos.compareTo(BIG_MAX) > 0 ? Long.MAX_VALUE : nanos.longValue();
    }
}
