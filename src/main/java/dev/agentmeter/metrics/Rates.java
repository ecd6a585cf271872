package dev.agentmeter.metrics;

/** Percentages as people read them: two decimals, and a pair of complementary rates adds up to 100. */
final class Rates {

    private Rates() {
    }

    /** {@code part / whole} in percent, rounded to two decimals; 0 when {@code whole} is 0. */
    static double percent(long part, long whole) {
        if (whole == 0) {
            return 0;
        }
        return Math.round(10_000.0 * part / whole) / 100.0;
    }
}
