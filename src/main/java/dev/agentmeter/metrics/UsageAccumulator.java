package dev.agentmeter.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * The writer side of token and cost figures for one recording phase, like {@link StatsAccumulator} is for
 * counts and latencies: many threads add to it at once without locks; the reader drains it into
 * {@link UsageTotals} only once the phaser has made it quiescent. Sums are exact ({@link WideAdder}).
 *
 * <p>Thread-safe for concurrent writers; {@link #drainInto} must not race with writers.
 */
final class UsageAccumulator {

    // Added to by recording threads, read and cleared by the snapshot thread between phases.
    private final LongAdder calls = new LongAdder();
    private final WideAdder inputTokens = new WideAdder();
    private final WideAdder outputTokens = new WideAdder();
    private final WideAdder cacheReadTokens = new WideAdder();
    private final WideAdder cacheWriteTokens = new WideAdder();
    private final WideAdder costNanoUsd = new WideAdder();
    // Set by recording threads when a call's cost is known (even zero); read and cleared by the snapshot thread.
    private volatile boolean costKnown;

    void record(ModelCall call) {
        calls.increment();
        addIfKnown(inputTokens, call.inputTokens());
        addIfKnown(outputTokens, call.outputTokens());
        addIfKnown(cacheReadTokens, call.cacheReadTokens());
        addIfKnown(cacheWriteTokens, call.cacheWriteTokens());
        Long cost = call.costNanoUsd();
        if (cost != null) {
            costNanoUsd.add(cost);
            if (!costKnown) {
                costKnown = true; // written once per phase, not on every call: the flag's line stays shared
            }
        }
    }

    /** Adds what was recorded into {@code totals} and clears this accumulator for reuse. */
    void drainInto(UsageTotals totals) {
        long drainedCalls = calls.sumThenReset();
        if (drainedCalls == 0) {
            return;
        }
        boolean priced = costKnown;
        costKnown = false;
        totals.add(drainedCalls, inputTokens.sumThenReset(), outputTokens.sumThenReset(),
                cacheReadTokens.sumThenReset(), cacheWriteTokens.sumThenReset(), costNanoUsd.sumThenReset(), priced);
    }

    private static void addIfKnown(WideAdder sum, Long value) {
        if (value != null) {
            sum.add(value);
        }
    }
}
