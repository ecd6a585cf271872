package dev.agentmeter.metrics;

/**
 * The figures of one model (or of {@link PerformanceMetrics#OTHER_MODELS} for models beyond the cap): its
 * calls recorded as tasks, and the tokens and cost of those calls and of usage recorded without a task.
 *
 * @param provider who serves it, as first reported; {@code null} when none was, and always for "other"
 * @param latency  {@code null} when the model has usage but no recorded call
 */
public record ModelStats(String model, String provider, long successfulRequests, long failedRequests,
                         LatencySummary latency, TokenUsage usage) {

    public long requests() {
        return successfulRequests + failedRequests;
    }

    public double errorRate() {
        return Rates.percent(failedRequests, requests());
    }
}
