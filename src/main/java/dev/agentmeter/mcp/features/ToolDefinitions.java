package dev.agentmeter.mcp.features;

import static dev.agentmeter.mcp.features.JsonSchemas.bool;
import static dev.agentmeter.mcp.features.JsonSchemas.closedObject;
import static dev.agentmeter.mcp.features.JsonSchemas.integer;
import static dev.agentmeter.mcp.features.JsonSchemas.number;
import static dev.agentmeter.mcp.features.JsonSchemas.ordered;
import static dev.agentmeter.mcp.features.JsonSchemas.string;
import static dev.agentmeter.mcp.features.JsonSchemas.inputOf;

import java.util.List;
import java.util.Map;

import dev.agentmeter.operations.OperationCatalogue;
import dev.agentmeter.operations.TaskReportLimits;
import dev.agentmeter.operations.TaskSimulator;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;

/**
 * What each MCP tool is, as a model sees it: name, title, description, input and output schema, hints.
 * Only definitions live here; {@link ToolHandlers} binds each to its operation.
 *
 * <p>Immutable and thread-safe.
 */
public final class ToolDefinitions {

    public static final String GET_PERFORMANCE_METRICS = "get_performance_metrics";
    public static final String GET_REQUEST_HISTORY = "get_request_history";
    public static final String GET_ERROR_LOG = "get_error_log";
    public static final String SIMULATE_AGENT_TASK = "simulate_agent_task";
    public static final String RESET_PERFORMANCE_METRICS = "reset_performance_metrics";
    public static final String GET_DASHBOARD_DATA = "get_dashboard_data";
    public static final String RECORD_AGENT_TASK = "record_agent_task";
    public static final String GET_ALERTS = "get_alerts";

    private static final String ENVELOPE_NOTE = " Answers {\"status\":\"success\",\"data\":...}, or "
            + "{\"status\":\"error\",\"error\":{\"code\",\"message\"}} whose message says what to fix.";

    private final Tool performanceMetrics;
    private final Tool requestHistory;
    private final Tool errorLog;
    private final Tool simulateAgentTask;
    private final Tool resetPerformanceMetrics;
    private final Tool dashboardData;
    private final Tool recordAgentTask;
    private final Tool alerts;

    /** {@code historySize} and {@code errorLogSize} are the capacities that caps in descriptions state. */
    public ToolDefinitions(int historySize, int errorLogSize) {
        performanceMetrics = reader(GET_PERFORMANCE_METRICS, "Performance metrics",
                "Returns AgentMeter's performance figures for the agent tasks recorded since the last reset: "
                        + "total_requests, successful_requests and failed_requests; success_rate and error_rate "
                        + "in percent (0 to 100, both 0 when nothing is recorded); response times in "
                        + "milliseconds (avg, min, max, p50, p95, p99; null until a task is recorded); "
                        + "requests_per_minute over the last 60 seconds; uptime_seconds, started_at and "
                        + "last_request_at (ISO-8601 UTC); the tokens of every model call (total_input_tokens, "
                        + "cached ones included, total_output_tokens, total_cache_read_tokens, "
                        + "total_cache_write_tokens) and their known cost, total_cost_usd. Takes no arguments."
                        + ENVELOPE_NOTE,
                inputOf(OperationCatalogue.GET_PERFORMANCE_METRICS), EnvelopeSchemas.METRICS);
        requestHistory = reader(GET_REQUEST_HISTORY, "Request history",
                "Returns the newest recorded agent tasks, newest first, each with timestamp (ISO-8601 UTC), "
                        + "endpoint (the task name), response_time_ms, success, error (null when it "
                        + "succeeded), agent, and for a model call model, provider, input_tokens, output_tokens "
                        + "and cost_usd, and trace_id (each null when unknown). limit sets how many (default "
                        + OperationCatalogue.DEFAULT_LIMIT
                        + "); the history keeps the newest " + historySize + ", so a larger limit returns at "
                        + "most " + historySize + "." + ENVELOPE_NOTE,
                inputOf(OperationCatalogue.getRequestHistory(historySize)), EnvelopeSchemas.HISTORY);
        errorLog = reader(GET_ERROR_LOG, "Error log",
                "Returns the newest failed agent tasks, newest first, each with timestamp (ISO-8601 UTC), "
                        + "endpoint (the task name) and error_message. limit sets how many (default "
                        + OperationCatalogue.DEFAULT_LIMIT + "); the log keeps the newest " + errorLogSize
                        + ", so a larger limit returns at most " + errorLogSize + "." + ENVELOPE_NOTE,
                inputOf(OperationCatalogue.getErrorLog(errorLogSize)), EnvelopeSchemas.ERRORS);
        simulateAgentTask = Tool.builder(SIMULATE_AGENT_TASK, inputOf(OperationCatalogue.SIMULATE_AGENT_TASK))
                .title("Simulate an agent task")
                .description("Runs a synthetic agent task that really lasts duration seconds (0 to 5, default "
                        + "1.0), then records it like a real task: in the metrics, the request history and, "
                        + "when should_fail is true, the error log (as \"" + TaskSimulator.FAILURE_MESSAGE
                        + "\"). Answers when the task is done with name, duration (seconds it really took), "
                        + "success, error, response_time_ms and timestamp; a simulated failure is still a "
                        + "successful call, with success false. Use it to try out or demonstrate AgentMeter; "
                        + "it does no real work, and other tools keep answering at once while it runs."
                        + ENVELOPE_NOTE)
                .outputSchema(EnvelopeSchemas.envelope(EnvelopeSchemas.SIMULATION))
                .annotations(hints("Simulate an agent task", false, false, false))
                .build();
        resetPerformanceMetrics = Tool.builder(RESET_PERFORMANCE_METRICS, inputOf(OperationCatalogue.RESET_PERFORMANCE_METRICS))
                .title("Reset performance metrics")
                .description("Forgets every recorded task: all counts, response times, the request history and "
                        + "the error log start again from zero; uptime keeps running. Cannot be undone, so call "
                        + "it only when the user asks for a reset. Answers with reset (true), cleared_requests "
                        + "(how many tasks were forgotten), reset_at and a message. Takes no arguments."
                        + ENVELOPE_NOTE)
                .outputSchema(EnvelopeSchemas.envelope(EnvelopeSchemas.RESET))
                .annotations(hints("Reset performance metrics", false, true, true))
                .build();
        dashboardData = reader(GET_DASHBOARD_DATA, "Dashboard data",
                "Returns everything the AgentMeter dashboard shows, in one call: metrics (as "
                        + GET_PERFORMANCE_METRICS + " returns them), recent_requests (the "
                        + OperationCatalogue.DASHBOARD_RECENT_REQUESTS + " newest recorded tasks, newest first) "
                        + "and recent_errors (the " + OperationCatalogue.DASHBOARD_RECENT_ERRORS + " newest "
                        + "failed tasks, newest first). The best first call for an overview. Takes no arguments."
                        + ENVELOPE_NOTE,
                inputOf(OperationCatalogue.GET_DASHBOARD_DATA), EnvelopeSchemas.DASHBOARD);
        recordAgentTask = Tool.builder(RECORD_AGENT_TASK, TaskReportSchema.INPUT)
                .title("Record an agent task")
                .description("Records one real task that you (the agent) have just finished, so it shows in "
                        + "AgentMeter's metrics, request history and, when success is false, the error log. Call "
                        + "it after finishing each unit of real work (a tool call, a step, a whole request), with "
                        + "name (what the task was), duration_ms (the time you measured, 0 to 86400000 ms) and "
                        + "success; for a failure add error (what went wrong, cut to "
                        + TaskReportLimits.MAX_ERROR_LENGTH + " characters); add agent (your name) "
                        + "so the dashboard can filter by agent. When the task was a model call, add what you "
                        + "know of model, provider, input_tokens (cached ones included), output_tokens, "
                        + "cache_read_tokens, cache_write_tokens and cost_usd (without it the tokens are priced "
                        + "from AgentMeter's price table), and trace_id to tie it to an OpenTelemetry trace. The "
                        + "task is stamped with the time it is recorded. Each call records one more task, so do "
                        + "not repeat a call to retry a reading. Answers the recorded history entry: timestamp, "
                        + "endpoint, response_time_ms, success, error, agent, model, provider, input_tokens, "
                        + "output_tokens, cost_usd and trace_id." + ENVELOPE_NOTE)
                .outputSchema(EnvelopeSchemas.envelope(EnvelopeSchemas.HISTORY_ENTRY))
                .annotations(hints("Record an agent task", false, false, false))
                .build();
        alerts = reader(GET_ALERTS, "Active alerts",
                "Returns the alerts firing now, oldest first: each with rule (as configured with --alert, such as "
                        + "error_rate > 20% or p95 > 2s), metric, task (null for every task), value and threshold "
                        + "in unit (percent or ms), window_seconds and since (ISO-8601 UTC). An empty list when "
                        + "nothing fires or no rule is configured. Takes no arguments." + ENVELOPE_NOTE,
                inputOf(OperationCatalogue.GET_ALERTS), EnvelopeSchemas.ALERTS);
    }

    /** The contract's six tools in its order, then {@code record_agent_task} and {@code get_alerts}. */
    public List<Tool> all() {
        return List.of(performanceMetrics, requestHistory, errorLog, simulateAgentTask, resetPerformanceMetrics,
                dashboardData, recordAgentTask, alerts);
    }

    Tool performanceMetrics() {
        return performanceMetrics;
    }

    Tool requestHistory() {
        return requestHistory;
    }

    Tool errorLog() {
        return errorLog;
    }

    Tool simulateAgentTask() {
        return simulateAgentTask;
    }

    Tool resetPerformanceMetrics() {
        return resetPerformanceMetrics;
    }

    Tool dashboardData() {
        return dashboardData;
    }

    Tool recordAgentTask() {
        return recordAgentTask;
    }

    Tool alerts() {
        return alerts;
    }

    private static Tool reader(String name, String title, String description, Map<String, Object> inputSchema,
                               Map<String, Object> dataSchema) {
        return Tool.builder(name, inputSchema)
                .title(title)
                .description(description)
                .outputSchema(EnvelopeSchemas.envelope(dataSchema))
                .annotations(hints(title, true, false, true))
                .build();
    }

    /** Every tool works on this process's own figures only: none reaches an open world. */
    private static ToolAnnotations hints(String title, boolean readOnly, boolean destructive, boolean idempotent) {
        return ToolAnnotations.builder()
                .title(title)
                .readOnlyHint(readOnly)
                .destructiveHint(destructive)
                .idempotentHint(idempotent)
                .openWorldHint(false)
                .build();
    }
}
