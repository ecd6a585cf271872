package dev.agentmeter.mcp.features;

import java.util.List;

import io.modelcontextprotocol.spec.McpSchema.Prompt;
import io.modelcontextprotocol.spec.McpSchema.PromptArgument;

/**
 * What each MCP prompt is, as a client lists it: name, title, description, arguments (all optional). Only
 * definitions live here; {@link PromptHandlers} fills them with the current figures.
 *
 * <p>Immutable and thread-safe.
 */
public final class PromptDefinitions {

    public static final String DIAGNOSE_PERFORMANCE = "diagnose_performance";
    public static final String SUMMARIZE_ERRORS = "summarize_errors";
    public static final String TASK_ARGUMENT = "task";
    public static final String WINDOW_ARGUMENT = "window";
    public static final String LIMIT_ARGUMENT = "limit";

    private final Prompt diagnosePerformance;
    private final Prompt summarizeErrors;

    /** {@code errorLogSize} is the error log's capacity, which {@code summarize_errors} includes by default. */
    public PromptDefinitions(int errorLogSize) {
        diagnosePerformance = Prompt.builder(DIAGNOSE_PERFORMANCE)
                .title("Diagnose performance")
                .description("Embeds AgentMeter's current figures (overall metrics, per-task response times and "
                        + "error rates, the recent window's trend, its slowest tasks and its failures) and asks for a "
                        + "diagnosis of what is slow or failing, the likely causes and the next steps.")
                .arguments(List.of(
                        optional(TASK_ARGUMENT, "Task", "The task name to focus on (completion offers the names "
                                + "recorded since the last reset); without it, every task."),
                        optional(WINDOW_ARGUMENT, "Window", "How far back 'recent' reaches: a whole number of "
                                + "seconds, minutes or hours such as 30s, 5m or 15m (default 15m; at most the 15 "
                                + "minutes the time series keeps).")))
                .build();
        summarizeErrors = Prompt.builder(SUMMARIZE_ERRORS)
                .title("Summarize errors")
                .description("Embeds AgentMeter's error log and failure counts and asks for the failures grouped by "
                        + "likely cause, with counts, affected tasks, and what to fix first.")
                .arguments(List.of(optional(LIMIT_ARGUMENT, "Limit", "How many of the newest errors to include: a "
                        + "whole number of at least 1 (default: the whole error log, which keeps the newest "
                        + errorLogSize + ").")))
                .build();
    }

    /** The two prompts. */
    public List<Prompt> all() {
        return List.of(diagnosePerformance, summarizeErrors);
    }

    Prompt diagnosePerformance() {
        return diagnosePerformance;
    }

    Prompt summarizeErrors() {
        return summarizeErrors;
    }

    private static PromptArgument optional(String name, String title, String description) {
        return PromptArgument.builder(name).title(title).description(description).required(false).build();
    }
}
