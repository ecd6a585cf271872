package dev.agentmeter.otlp;

/**
 * Told how many items of each OTLP request were recorded, rejected or ignored, for the server's own metrics
 * ({@code agentmeter_otlp_items_total{signal,outcome}}). {@code signal} is {@code traces}, {@code logs} or
 * {@code metrics}; {@code outcome} is one of {@link #RECORDED}, {@link #REJECTED} and {@link #IGNORED}, so the
 * labels stay bounded. Implementations are thread-safe and return at once.
 */
@FunctionalInterface
public interface OtlpObserver {

    /** Became a task, or usage in the totals. */
    String RECORDED = "recorded";
    /** Refused by the task or usage rules (counted in the answer's partial success). */
    String REJECTED = "rejected";
    /** Accepted, but nothing AgentMeter records (a span of no operation, another log, another metric). */
    String IGNORED = "ignored";

    OtlpObserver NONE = (signal, outcome, count) -> { };

    void observe(String signal, String outcome, long count);
}
