package dev.agentmeter.operations;

/**
 * One firing alert as the API, the MCP tool and the dashboard show it.
 *
 * @param rule          the rule as written on the command line
 * @param metric        {@code error_rate}, {@code p50}, {@code p95} or {@code p99}
 * @param task          the task the rule watches; null for every task
 * @param value         the figure that broke the threshold (percent for error_rate, milliseconds otherwise)
 * @param threshold     the rule's threshold, in the same unit
 * @param unit          {@code percent} or {@code ms}
 * @param windowSeconds how far back the figure looks
 * @param since         when the alert started firing, ISO-8601 UTC
 */
public record AlertView(String rule, String metric, String task, double value, double threshold, String unit,
                        long windowSeconds, String since) {
}
