package dev.agentmeter.operations;

/**
 * What {@code show_dashboard} answers: {@code summary}, a few sentences a model can repeat to the person (the
 * text a client without MCP Apps shows), and the figures they come from. {@code task} or {@code agent} names
 * the filter (both null for every task); {@code p95ResponseTimeMs} is null before the first task;
 * {@code topFailingTask} is null when nothing failed; {@code totalCostUsd} is null when no cost is known (and
 * always for one task or one agent, whose cost is not kept apart).
 */
public record DashboardSummary(String summary, String task, String agent, long requests, long failedRequests,
                               double errorRate, Double p95ResponseTimeMs, String topFailingTask,
                               Double totalCostUsd) {
}
