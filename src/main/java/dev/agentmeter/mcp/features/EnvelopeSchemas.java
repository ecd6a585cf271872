package dev.agentmeter.mcp.features;

import static dev.agentmeter.mcp.features.JsonSchemas.arrayOf;
import static dev.agentmeter.mcp.features.JsonSchemas.bool;
import static dev.agentmeter.mcp.features.JsonSchemas.integer;
import static dev.agentmeter.mcp.features.JsonSchemas.nullableInteger;
import static dev.agentmeter.mcp.features.JsonSchemas.nullableNumber;
import static dev.agentmeter.mcp.features.JsonSchemas.nullableString;
import static dev.agentmeter.mcp.features.JsonSchemas.number;
import static dev.agentmeter.mcp.features.JsonSchemas.oneOfStrings;
import static dev.agentmeter.mcp.features.JsonSchemas.openObject;
import static dev.agentmeter.mcp.features.JsonSchemas.ordered;
import static dev.agentmeter.mcp.features.JsonSchemas.string;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.agentmeter.operations.ErrorCode;

/**
 * The output schemas of the tools: every tool answers the same envelope,
 * {@code {"status":"success","data":...}} or {@code {"status":"error","error":{"code","message"}}}; only the
 * shape of {@code data} differs. Field names are the contract's (snake_case).
 *
 * <p>Thread-safe (constants).
 */
public final class EnvelopeSchemas {

    static final Map<String, Object> METRICS = openObject("The performance figures since the last reset.",
            ordered(
                    "total_requests", integer("Tasks recorded since the last reset."),
                    "successful_requests", integer("Tasks that succeeded."),
                    "failed_requests", integer("Tasks that failed."),
                    "success_rate", number("Percent of tasks that succeeded, 0 to 100; 0 when there are none."),
                    "error_rate", number("Percent of tasks that failed, 0 to 100; 0 when there are none."),
                    "avg_response_time_ms", nullableNumber("Mean response time in milliseconds; null when empty."),
                    "min_response_time_ms", nullableNumber("Fastest response time in milliseconds; null when empty."),
                    "max_response_time_ms", nullableNumber("Slowest response time in milliseconds; null when empty."),
                    "p50_response_time_ms", nullableNumber("Median response time in milliseconds; null when empty."),
                    "p95_response_time_ms", nullableNumber("95th percentile in milliseconds; null when empty."),
                    "p99_response_time_ms", nullableNumber("99th percentile in milliseconds; null when empty."),
                    "requests_per_minute", integer("Tasks recorded in the last 60 seconds."),
                    "uptime_seconds", integer("Seconds since the server started; a reset does not restart it."),
                    "started_at", string("When the server started, ISO-8601 UTC."),
                    "last_request_at", nullableString("When the newest task was recorded, ISO-8601 UTC; null when none."),
                    "total_input_tokens", integer("Input tokens of every model call and usage report, cached ones "
                            + "included; 0 when none."),
                    "total_output_tokens", integer("Output tokens of every model call and usage report; 0 when none."),
                    "total_cache_read_tokens", integer("Input tokens read from a prompt cache (part of "
                            + "total_input_tokens); 0 when none."),
                    "total_cache_write_tokens", integer("Input tokens written to a prompt cache (part of "
                            + "total_input_tokens); 0 when none."),
                    "total_cost_usd", number("The known cost of every model call and usage report, in US dollars: "
                            + "as reported, else priced from the model's tokens; a model without a known price adds "
                            + "nothing. 0.0 when none is known.")),
            List.of("total_requests", "successful_requests", "failed_requests", "success_rate", "error_rate",
                    "avg_response_time_ms", "min_response_time_ms", "max_response_time_ms", "p50_response_time_ms",
                    "p95_response_time_ms", "p99_response_time_ms", "requests_per_minute", "uptime_seconds",
                    "started_at", "last_request_at", "total_input_tokens", "total_output_tokens",
                    "total_cache_read_tokens", "total_cache_write_tokens", "total_cost_usd"));

    static final Map<String, Object> HISTORY_ENTRY = openObject("One recorded task.",
            ordered(
                    "timestamp", string("When the task was recorded, ISO-8601 UTC."),
                    "endpoint", string("The task name."),
                    "response_time_ms", number("How long the task took, in milliseconds."),
                    "success", bool("Whether the task succeeded."),
                    "error", nullableString("The error message; null when the task succeeded."),
                    "agent", nullableString("The agent that ran the task; null when unknown."),
                    "model", nullableString("The model the task called; null when it was no model call or did "
                            + "not say."),
                    "provider", nullableString("Who serves the model (anthropic, openai, ...); null when unknown."),
                    "input_tokens", nullableInteger("Input tokens of the model call, cached ones included; null "
                            + "when unknown."),
                    "output_tokens", nullableInteger("Output tokens of the model call; null when unknown."),
                    "cost_usd", nullableNumber("What the model call cost in US dollars, as reported or priced from "
                            + "its tokens; null when unknown (an unpriced model is not free)."),
                    "trace_id", nullableString("The OpenTelemetry trace the task belongs to, 32 lowercase hex "
                            + "digits; null when none.")),
            List.of("timestamp", "endpoint", "response_time_ms", "success", "error"));

    static final Map<String, Object> ERROR_ENTRY = openObject("One failed task.",
            ordered(
                    "timestamp", string("When the task was recorded, ISO-8601 UTC."),
                    "endpoint", string("The task name."),
                    "error_message", string("What went wrong.")),
            List.of("timestamp", "endpoint", "error_message"));

    static final Map<String, Object> HISTORY = arrayOf("Recorded tasks, newest first.", HISTORY_ENTRY);

    static final Map<String, Object> ERRORS = arrayOf("Failed tasks, newest first.", ERROR_ENTRY);

    static final Map<String, Object> SIMULATION = openObject("What the simulated task did.",
            ordered(
                    "name", string("The task name, as recorded (control characters stripped)."),
                    "duration", number("Seconds the task really took."),
                    "success", bool("False when should_fail was true."),
                    "error", nullableString("The recorded error message; null when it succeeded."),
                    "response_time_ms", number("The recorded response time in milliseconds."),
                    "timestamp", string("When the task was recorded, ISO-8601 UTC.")),
            List.of("name", "duration", "success", "error", "response_time_ms", "timestamp"));

    static final Map<String, Object> RESET = openObject("Confirmation of the reset.",
            ordered(
                    "reset", bool("Always true."),
                    "cleared_requests", integer("How many recorded tasks were forgotten."),
                    "reset_at", string("When the reset happened, ISO-8601 UTC."),
                    "message", string("What was reset.")),
            List.of("reset", "cleared_requests", "reset_at", "message"));

    public static final Map<String, Object> DASHBOARD = openObject("Everything the dashboard shows at a glance.",
            ordered(
                    "metrics", METRICS,
                    "recent_requests", arrayOf("The 10 newest recorded tasks, newest first.", HISTORY_ENTRY),
                    "recent_errors", arrayOf("The 5 newest failed tasks, newest first.", ERROR_ENTRY)),
            List.of("metrics", "recent_requests", "recent_errors"));

    static final Map<String, Object> ALERT = openObject("One firing alert.",
            ordered(
                    "rule", string("The rule as configured, such as error_rate > 20%."),
                    "metric", oneOfStrings("What the rule watches.", List.of("error_rate", "p50", "p95", "p99")),
                    "task", nullableString("The one task the rule watches; null for every task."),
                    "value", number("The figure that broke the threshold, in unit."),
                    "threshold", number("The rule's threshold, in unit."),
                    "unit", oneOfStrings("percent for error_rate, ms for percentiles.", List.of("percent", "ms")),
                    "window_seconds", integer("How far back the figure looks, in seconds."),
                    "since", string("When the alert started firing, ISO-8601 UTC.")),
            List.of("rule", "metric", "task", "value", "threshold", "unit", "window_seconds", "since"));

    static final Map<String, Object> ALERTS = arrayOf("The alerts firing now, oldest first.", ALERT);

    private static final Map<String, Object> ERROR = openObject("Why the call failed; present when status is error.",
            ordered(
                    "code", oneOfStrings("Machine-readable reason.", errorCodes()),
                    "message", string("What went wrong and what to fix, for the caller.")),
            List.of("code", "message"));

    private EnvelopeSchemas() {
    }

    /** The envelope whose {@code data}, present when the status is success, matches {@code dataSchema}. */
    public static Map<String, Object> envelope(Map<String, Object> dataSchema) {
        return ordered(
                "type", "object",
                "properties", ordered(
                        "status", oneOfStrings("success, with data; or error, with error.", List.of("success", "error")),
                        "data", dataSchema,
                        "error", ERROR),
                "required", List.of("status"),
                "additionalProperties", false);
    }

    private static List<String> errorCodes() {
        return Arrays.stream(ErrorCode.values()).map(ErrorCode::wireName).toList();
    }
}
