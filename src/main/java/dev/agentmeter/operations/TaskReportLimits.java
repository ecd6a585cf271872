package dev.agentmeter.operations;

/**
 * The limits of a task report ({@code record_agent_task}, {@code POST /api/tasks}, telemetry's tasks), which
 * {@link TaskReports} enforces and the MCP tool's schema and description state.
 */
public final class TaskReportLimits {

    /** The most tasks one report may carry ({@code POST /api/tasks} with an array). */
    public static final int MAX_BATCH_SIZE = 1000;
    /** The longest reported duration: 24 hours. */
    public static final double MAX_DURATION_MS = 86_400_000;
    /** Longer reported error messages are cut to this many characters. */
    public static final int MAX_ERROR_LENGTH = 1000;
    /** More tokens than any model call uses: a larger count is a mistake, not usage. */
    public static final long MAX_TOKENS = 100_000_000;
    /** More dollars than any one model call costs. */
    public static final double MAX_COST_USD = 100_000;

    private TaskReportLimits() {
    }
}
