package dev.agentmeter.mcp.features;

import java.util.List;

import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.PromptMessage;
import io.modelcontextprotocol.spec.McpSchema.Role;
import io.modelcontextprotocol.spec.McpSchema.TextContent;

/**
 * The words of the prompts: each is two user messages, the figures as JSON with what they mean, then the
 * request. The figures come first so that the request can refer to them by their field names.
 *
 * <p>Thread-safe (stateless).
 */
final class PromptTexts {

    private PromptTexts() {
    }

    /** {@code diagnose_performance}: {@code figuresJson} is a diagnosis, about {@code task} (null: every task). */
    static GetPromptResult diagnosis(String figuresJson, String task, String window) {
        String scope = task == null ? "every task recorded by AgentMeter" : "the task \"" + task + "\"";
        String figures = "AgentMeter's current figures for " + scope + ", as JSON. Times are in milliseconds, "
                + "rates in percent, costs in US dollars (null: unknown, not free). `metrics`, `tasks` and `models` "
                + "(every model called, busiest first, with its tokens and cost; `costliest_model` and "
                + "`most_failing_model` name the leaders) cover everything since the last reset; `recent` (all "
                + "tasks, with a `trend` in equal slices, oldest first; its per-second latencies are approximate, "
                + "within about 6%), `slowest_requests` and `recent_errors` cover the last " + window + ".\n\n```json\n" + figuresJson + "\n```";
        String request = "Diagnose the performance of " + scope + " from these figures.\n"
                + "1. What is slow: compare p95 and p99 with the median (p50) and across tasks; name the slowest "
                + "tasks and say whether latency rises over `recent.trend`.\n"
                + "2. What is failing: the tasks with the highest error rates, the error messages behind them, and "
                + "whether failures cluster in time.\n"
                + "3. Models and money: which model costs most (`costliest_model`, with its share of "
                + "`metrics.total_cost_usd`) and which fails most (`most_failing_model`, with its error rate), "
                + "and whether a cheaper or more reliable model could take over some of the calls; skip this "
                + "when `models` is empty.\n"
                + "4. The likely causes, each tied to the figures that support it; say what the figures cannot "
                + "tell.\n"
                + "5. Next steps, most useful first: what to change, and what to measure next (for example by "
                + "reading agentmeter://tasks/{name} or subscribing to agentmeter://metrics).\n"
                + "If nothing has been recorded yet, say so and suggest how to start recording tasks.";
        return result("Diagnosis of " + scope + " over the last " + window, figures, request);
    }

    /** {@code summarize_errors}: {@code figuresJson} holds the metrics and the {@code count} newest errors. */
    static GetPromptResult errorSummary(String figuresJson, int count, int errorLogSize) {
        String figures = "AgentMeter's error log as JSON: `errors` holds the newest failed tasks, newest first ("
                + count + " here; the log keeps at most " + errorLogSize + "), and `metrics.failed_requests` "
                + "counts every failure since the last reset.\n\n```json\n" + figuresJson + "\n```";
        String request = "Summarize these errors. Group the failures by likely cause (similar messages belong "
                + "together); for each group give the count, the tasks affected, when it first and last happened in "
                + "the log, and the most likely cause. Then say which group to fix first and how. If the log is "
                + "empty, say that nothing has failed since the last reset.";
        return result("Summary of the " + count + " newest errors in AgentMeter's error log", figures, request);
    }

    private static GetPromptResult result(String description, String figures, String request) {
        return GetPromptResult.builder(List.of(
                        new PromptMessage(Role.USER, TextContent.builder(figures).build()),
                        new PromptMessage(Role.USER, TextContent.builder(request).build())))
                .description(description)
                .build();
    }
}
