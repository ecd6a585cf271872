package dev.agentmeter.mcp.features;

import java.util.List;

import dev.agentmeter.operations.OperationCatalogue;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.ResourceTemplate;

/**
 * What each MCP resource is, as a client lists it: URI, name, title, description, MIME type. Every resource is
 * the JSON text of the envelope that the matching tool answers. Only definitions live here;
 * {@link ResourceHandlers} binds each to its operation.
 *
 * <p>Immutable and thread-safe.
 */
public final class ResourceDefinitions {

    public static final String METRICS_URI = "agentmeter://metrics";
    public static final String DASHBOARD_URI = "agentmeter://dashboard";
    public static final String HISTORY_URI = "agentmeter://history";
    public static final String ERRORS_URI = "agentmeter://errors";
    public static final String TASK_URI_TEMPLATE = TaskUris.PREFIX + "{name}";
    static final String MIME_TYPE = "application/json";

    private static final String LIVE_NOTE = " Subscribe to be told when it changes: a recorded task, usage or a reset "
            + "(at most four updates a second; the clock alone, such as uptime, sends none).";
    private static final String ENVELOPE_NOTE = " The text is {\"status\":\"success\",\"data\":...}, the envelope "
            + "of the matching tool.";

    private final Resource metrics;
    private final Resource dashboard;
    private final Resource history;
    private final Resource errors;
    private final ResourceTemplate task;

    /** {@code historySize} and {@code errorLogSize} are the capacities that the history and error log hold. */
    public ResourceDefinitions(int historySize, int errorLogSize) {
        metrics = resource(METRICS_URI, "metrics", "Performance metrics",
                "AgentMeter's figures since the last reset, as get_performance_metrics returns them: counts, "
                        + "success and error rates in percent, response times in ms (avg, min, max, p50, p95, "
                        + "p99), requests per minute, uptime, token totals and total cost in US dollars."
                        + ENVELOPE_NOTE + LIVE_NOTE);
        dashboard = resource(DASHBOARD_URI, "dashboard", "Dashboard snapshot",
                "Everything the dashboard shows, as get_dashboard_data returns it: the metrics, the "
                        + OperationCatalogue.DASHBOARD_RECENT_REQUESTS + " newest tasks and the "
                        + OperationCatalogue.DASHBOARD_RECENT_ERRORS + " newest errors." + ENVELOPE_NOTE
                        + LIVE_NOTE);
        history = resource(HISTORY_URI, "history", "Request history",
                "The whole request history, newest first: up to " + historySize + " tasks (its capacity), each "
                        + "with timestamp, endpoint (the task name), response_time_ms, success, error, agent, "
                        + "and for a model call its model, provider, tokens, cost and trace id; as "
                        + "get_request_history with limit " + historySize + " returns it." + ENVELOPE_NOTE
                        + LIVE_NOTE);
        errors = resource(ERRORS_URI, "errors", "Error log",
                "The whole error log, newest first: up to " + errorLogSize + " failed tasks (its capacity), each "
                        + "with timestamp, endpoint (the task name) and error_message; as get_error_log with limit "
                        + errorLogSize + " returns it." + ENVELOPE_NOTE + LIVE_NOTE);
        task = ResourceTemplate.builder(TASK_URI_TEMPLATE, "task")
                .title("One task's figures")
                .description("The figures of the tasks recorded under one name since the last reset: count, "
                        + "successful and failed requests, error rate in percent, response times in ms (avg, min, "
                        + "max, p50, p95, p99) and the last request's time. Percent-encode the name as one path "
                        + "segment (a space is %20, a slash %2F); completion offers the known names. A name with "
                        + "no task since the last reset is not found (-32002)." + ENVELOPE_NOTE + LIVE_NOTE)
                .mimeType(MIME_TYPE)
                .build();
    }

    /** The four fixed resources. */
    public List<Resource> all() {
        return List.of(metrics, dashboard, history, errors);
    }

    Resource metrics() {
        return metrics;
    }

    Resource dashboard() {
        return dashboard;
    }

    Resource history() {
        return history;
    }

    Resource errors() {
        return errors;
    }

    ResourceTemplate task() {
        return task;
    }

    private static Resource resource(String uri, String name, String title, String description) {
        return Resource.builder(uri, name).title(title).description(description).mimeType(MIME_TYPE).build();
    }
}
