package dev.agentmeter.pricing;

/**
 * A model's list price, in US dollars per million tokens, and what a call costs at that price.
 *
 * <p>Token convention, fixed for the whole project: {@code inputTokens} counts every input token, the cached
 * ones included; {@code cacheReadTokens} and {@code cacheWriteTokens} are parts of it. The uncached rest is
 * priced as input, each cached part at its own price. A price table that lists no cache price gives the input
 * price here, so a record always carries all four.
 *
 * <p>Prices are carried to 9 decimal places (1e-9 USD per million tokens), the precision {@link PriceTable}
 * files accept, and costs are computed exactly from them; see {@link #costNanoUsd}.
 *
 * <p>Immutable; thread-safe.
 */
public record ModelPrice(double inputPerMillion, double outputPerMillion, double cacheReadPerMillion,
        double cacheWritePerMillion) {

    /**
     * The highest price accepted, in USD per million tokens (a dollar a token, far above any real model). The
     * bound keeps {@code price * 1e9} below 2^51, where turning it into an integer is exact.
     */
    public static final double MAX_PER_MILLION = 1_000_000;

    public ModelPrice {
        requireValid("inputPerMillion", inputPerMillion);
        requireValid("outputPerMillion", outputPerMillion);
        requireValid("cacheReadPerMillion", cacheReadPerMillion);
        requireValid("cacheWritePerMillion", cacheWritePerMillion);
    }

    /**
     * The cost of one call in nano-dollars (1e-9 USD), rounded to the nearest (half up):
     * {@code max(0, input - cacheRead - cacheWrite) x input price + cacheRead x cache read price
     * + cacheWrite x cache write price + output x output price}. Exact for any counts: a sum beyond
     * {@code Long.MAX_VALUE} nano-dollars (9.2 billion USD) gives {@code Long.MAX_VALUE}.
     *
     * @throws IllegalArgumentException when a count is negative (callers validate counts first)
     */
    public long costNanoUsd(long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens) {
        requireCount("inputTokens", inputTokens);
        requireCount("outputTokens", outputTokens);
        requireCount("cacheReadTokens", cacheReadTokens);
        requireCount("cacheWriteTokens", cacheWriteTokens);
        // Subtracting one part at a time never overflows: both sides are non-negative.
        long uncachedInput = Math.max(0, Math.max(0, inputTokens - cacheReadTokens) - cacheWriteTokens);
        return NanoDollars.sumRounded(
                new long[] {uncachedInput, cacheReadTokens, cacheWriteTokens, outputTokens},
                new long[] {NanoDollars.units(inputPerMillion), NanoDollars.units(cacheReadPerMillion),
                        NanoDollars.units(cacheWritePerMillion), NanoDollars.units(outputPerMillion)});
    }

    private static void requireValid(String name, double usdPerMillion) {
        if (!(usdPerMillion >= 0 && usdPerMillion <= MAX_PER_MILLION)) {
            throw new IllegalArgumentException(
                    name + " must be between 0 and " + (long) MAX_PER_MILLION + " USD, got " + usdPerMillion);
        }
    }

    private static void requireCount(String name, long tokens) {
        if (tokens < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + tokens);
        }
    }
}
