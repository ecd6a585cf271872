package dev.agentmeter.metrics;

/**
 * The model-call part of a task: which model it called and what that used. Every part is optional
 * ({@code null} when not reported). Tokens and cost are only ever attached to a model call, never to the
 * agent or tool task around it, so usage that a parent span repeats is not counted twice.
 *
 * <p>{@code inputTokens} counts all input tokens, cached ones included; {@code cacheReadTokens} and
 * {@code cacheWriteTokens} are parts of it (the OpenTelemetry GenAI convention). Cost is kept in
 * nano-dollars so that sums stay exact.
 *
 * @param model        the model that answered (or was asked for)
 * @param provider     who serves it ({@code anthropic}, {@code openai}, ...)
 * @param costNanoUsd  what the call cost, in 1e-9 US dollars; {@code null} when unknown (never a guessed zero)
 */
public record ModelCall(String model, String provider, Long inputTokens, Long outputTokens, Long cacheReadTokens,
                        Long cacheWriteTokens, Long costNanoUsd) {

    /** Nano-dollars in one dollar. */
    public static final long NANOS_PER_USD = 1_000_000_000L;

    public ModelCall {
        requireNotNegative(inputTokens, "inputTokens");
        requireNotNegative(outputTokens, "outputTokens");
        requireNotNegative(cacheReadTokens, "cacheReadTokens");
        requireNotNegative(cacheWriteTokens, "cacheWriteTokens");
        requireNotNegative(costNanoUsd, "costNanoUsd");
    }

    /** The cost in US dollars, or {@code null} when unknown. */
    public Double costUsd() {
        return costNanoUsd == null ? null : costNanoUsd / (double) NANOS_PER_USD;
    }

    /** Input plus output tokens, counting an unreported side as zero. */
    public long totalTokens() {
        return orZero(inputTokens) + orZero(outputTokens);
    }

    static long orZero(Long tokens) {
        return tokens == null ? 0 : tokens;
    }

    private static void requireNotNegative(Long value, String name) {
        if (value != null && value < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
    }
}
