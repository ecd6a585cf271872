package dev.agentmeter.operations;

/**
 * What a model call cost when the agent did not say: its tokens at the model's list price. Reported costs
 * always win over an estimate; an unknown model has no estimate (cost unknown, never a guessed zero).
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface CostEstimator {

    /** No price known for any model. */
    CostEstimator NONE = (provider, model, input, output, cacheRead, cacheWrite) -> null;

    /**
     * The cost in nano-dollars (1e-9 USD), or {@code null} when the model's price is unknown.
     *
     * @param provider  may be {@code null}
     * @param input     all input tokens, cached ones included; {@code cacheRead} and {@code cacheWrite} are
     *                  parts of it
     */
    Long costNanoUsd(String provider, String model, long input, long output, long cacheRead, long cacheWrite);
}
