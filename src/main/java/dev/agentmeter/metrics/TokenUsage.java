package dev.agentmeter.metrics;

/**
 * Token and cost totals of a set of model calls (and of usage recorded without a task). Immutable.
 *
 * <p>{@code inputTokens} counts all input tokens, cached ones included; the cache figures are parts of it.
 * A total that would pass {@link Long#MAX_VALUE} stays there (9.2e18 tokens, or 9.2 billion dollars in
 * nano-dollars: no real fleet gets near it; only a flood of made-up maxima can, and it pins instead of
 * wrapping to a negative figure).
 *
 * @param costNanoUsd the sum of the known costs, in 1e-9 US dollars; {@code null} when no cost was known
 */
public record TokenUsage(long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens,
                         Long costNanoUsd) {

    /** Nothing used. */
    public static final TokenUsage NONE = new TokenUsage(0, 0, 0, 0, null);

    /** The known cost in US dollars, {@code null} when none was known. */
    public Double costUsd() {
        return costNanoUsd == null ? null : costNanoUsd / (double) ModelCall.NANOS_PER_USD;
    }

    /** Input plus output tokens (pinned at {@link Long#MAX_VALUE}). */
    public long totalTokens() {
        return WideAdder.saturatingAdd(inputTokens, outputTokens);
    }
}
