package dev.agentmeter.mcp.app;

import static dev.agentmeter.mcp.features.JsonSchemas.arrayOf;
import static dev.agentmeter.mcp.features.JsonSchemas.closedObject;
import static dev.agentmeter.mcp.features.JsonSchemas.inputOf;
import static dev.agentmeter.mcp.features.JsonSchemas.integer;
import static dev.agentmeter.mcp.features.JsonSchemas.nullableNumber;
import static dev.agentmeter.mcp.features.JsonSchemas.nullableString;
import static dev.agentmeter.mcp.features.JsonSchemas.number;
import static dev.agentmeter.mcp.features.JsonSchemas.openObject;
import static dev.agentmeter.mcp.features.JsonSchemas.ordered;
import static dev.agentmeter.mcp.features.JsonSchemas.string;
import static dev.agentmeter.mcp.features.JsonSchemas.arrayOf;
import static dev.agentmeter.mcp.features.JsonSchemas.inputOf;
import static dev.agentmeter.mcp.features.JsonSchemas.integer;
import static dev.agentmeter.mcp.features.JsonSchemas.nullableNumber;
import static dev.agentmeter.mcp.features.JsonSchemas.nullableString;
import static dev.agentmeter.mcp.features.JsonSchemas.number;
import static dev.agentmeter.mcp.features.JsonSchemas.openObject;
import static dev.agentmeter.mcp.features.JsonSchemas.ordered;
import static dev.agentmeter.mcp.features.JsonSchemas.string;

import java.util.List;
import java.util.Map;

import dev.agentmeter.mcp.features.EnvelopeSchemas;
import dev.agentmeter.operations.TaskNames;
import dev.agentmeter.operations.OperationCatalogue;

/**
 * The input and output schemas of the dashboard panel's tools ({@code show_dashboard}, {@code get_live_view}).
 * Field names are the contract's (snake_case); the live view is the shape the web dashboard's event stream
 * pushes, so its parts are described loosely here and exactly in the README.
 *
 * <p>Thread-safe (constants).
 */
final class AppSchemas {

    /** {@code task} or {@code agent}, at most one. */
    static final Map<String, Object> FILTER = inputOf(OperationCatalogue.GET_LIVE_VIEW);

    static final Map<String, Object> SUMMARY = openObject("A summary of the figures the panel shows.",
            ordered(
                    "summary", string("A few sentences about the figures, for a person to read."),
                    "task", nullableString("The one task summarised; null unless filtered by task."),
                    "agent", nullableString("The one agent summarised; null unless filtered by agent."),
                    "requests", integer("Tasks (or runs of the task) since the last reset."),
                    "failed_requests", integer("How many of them failed."),
                    "error_rate", number("Percent that failed, 0 to 100."),
                    "p95_response_time_ms", nullableNumber("95th percentile in milliseconds; null when empty."),
                    "top_failing_task", nullableString("The task with the most failures; null when none failed."),
                    "total_cost_usd", nullableNumber("What model calls cost in US dollars; null when unknown "
                            + "(and always for one task or one agent).")),
            List.of("summary", "requests", "failed_requests", "error_rate"));

    static final Map<String, Object> LIVE_VIEW = openObject("Everything the panel draws, in one value.",
            ordered(
                    "dashboard", EnvelopeSchemas.DASHBOARD,
                    "tasks", arrayOf("Per task name, busiest first: name, count, successful_requests, "
                            + "failed_requests, error_rate, response times in ms, last_request_at.",
                            Map.of("type", "object")),
                    "timeseries", openObject("Per second over the last 15 minutes, oldest first, in columns.",
                            ordered("timestamps", arrayOf("Epoch seconds.", Map.of("type", "integer"))),
                            List.of("timestamps")),
                    "models", arrayOf("Per model, busiest first: model, provider, requests, failed_requests, "
                            + "input_tokens, output_tokens, cost_usd, p50 and p95 in ms.", Map.of("type", "object"))),
            List.of("dashboard", "tasks", "timeseries", "models"));

    private AppSchemas() {
    }
}
