package dev.agentmeter.metrics;

/**
 * The cumulative token and cost figures of one set of model calls, owned by the snapshot thread: not
 * thread-safe, and only touched while holding the snapshot lock of {@link PerformanceMetrics}. Sums pin at
 * {@link Long#MAX_VALUE} rather than wrap (see {@link TokenUsage} for why no real fleet reaches it).
 */
final class UsageTotals {

    private long calls;
    private long inputTokens;
    private long outputTokens;
    private long cacheReadTokens;
    private long cacheWriteTokens;
    private long costNanoUsd;
    private boolean costKnown;

    /** Adds one drained phase. */
    void add(long drainedCalls, long input, long output, long cacheRead, long cacheWrite, long cost, boolean priced) {
        calls = WideAdder.saturatingAdd(calls, drainedCalls);
        inputTokens = WideAdder.saturatingAdd(inputTokens, input);
        outputTokens = WideAdder.saturatingAdd(outputTokens, output);
        cacheReadTokens = WideAdder.saturatingAdd(cacheReadTokens, cacheRead);
        cacheWriteTokens = WideAdder.saturatingAdd(cacheWriteTokens, cacheWrite);
        costNanoUsd = WideAdder.saturatingAdd(costNanoUsd, cost);
        costKnown |= priced;
    }

    /** How many model calls (and usage reports) were added. */
    long calls() {
        return calls;
    }

    TokenUsage usage() {
        if (calls == 0) {
            return TokenUsage.NONE;
        }
        return new TokenUsage(inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens,
                costKnown ? costNanoUsd : null);
    }
}
