package dev.agentmeter.operations;

import dev.agentmeter.metrics.LatencySummary;
import dev.agentmeter.metrics.ModelStats;

/**
 * One row of the per-model breakdown ({@code GET /api/models}). {@code inputTokens} counts cached ones too;
 * {@code costUsd} is null when no call of the model had a known cost (an unpriced model is not free); the
 * percentiles are null for a model known only from usage reported without a task.
 */
public record ModelStatsView(String model, String provider, long requests, long failedRequests, long inputTokens,
                             long outputTokens, Double costUsd, Double p50ResponseTimeMs, Double p95ResponseTimeMs) {

    static ModelStatsView of(ModelStats stats) {
        LatencySummary latency = stats.latency();
        boolean empty = latency == null;
        return new ModelStatsView(stats.model(), stats.provider(), stats.requests(), stats.failedRequests(),
                stats.usage().inputTokens(), stats.usage().outputTokens(), stats.usage().costUsd(),
                empty ? null : latency.p50Millis(), empty ? null : latency.p95Millis());
    }
}
