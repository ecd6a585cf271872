package dev.agentmeter.mcp.features;

import static dev.agentmeter.mcp.features.JsonSchemas.bool;
import static dev.agentmeter.mcp.features.JsonSchemas.closedObject;
import static dev.agentmeter.mcp.features.JsonSchemas.nullableInteger;
import static dev.agentmeter.mcp.features.JsonSchemas.nullableNumber;
import static dev.agentmeter.mcp.features.JsonSchemas.nullableString;
import static dev.agentmeter.mcp.features.JsonSchemas.number;
import static dev.agentmeter.mcp.features.JsonSchemas.ordered;
import static dev.agentmeter.mcp.features.JsonSchemas.string;

import java.util.List;
import java.util.Map;

import dev.agentmeter.operations.TaskReportLimits;
import dev.agentmeter.operations.TaskNames;

/**
 * The input schema of {@code record_agent_task}: the fields of a task report with the ranges the operation
 * checks, so that a client can validate before calling. The model-call fields are all optional.
 *
 * <p>Thread-safe (constants).
 */
final class TaskReportSchema {

    private static final long MAX_TOKENS = TaskReportLimits.MAX_TOKENS;

    static final Map<String, Object> INPUT = closedObject(ordered(
            "name", string("What the task was, as it will appear in the history: 1 to " + TaskNames.MAX_LENGTH
                    + " characters once control characters are stripped.", 1, TaskNames.MAX_LENGTH),
            "duration_ms", number("How long the task took, as you measured it, in milliseconds: 0 to "
                    + (long) TaskReportLimits.MAX_DURATION_MS + " (24 hours).", 0,
                    TaskReportLimits.MAX_DURATION_MS),
            "success", bool("Whether the task succeeded."),
            "error", nullableString("What went wrong, for a failed task (ignored when success is true); "
                    + "longer messages are cut to " + TaskReportLimits.MAX_ERROR_LENGTH
                    + " characters."),
            "agent", nullableString("Which agent ran the task (your name, say): 1 to " + TaskNames.MAX_LENGTH
                    + " characters once control characters are stripped.", 1, TaskNames.MAX_LENGTH),
            "model", nullableString("For a model call: the model that answered (claude-sonnet-4-5, gpt-5, ...), "
                    + "1 to " + TaskNames.MAX_LENGTH + " characters.", 1, TaskNames.MAX_LENGTH),
            "provider", nullableString("For a model call: who serves the model (anthropic, openai, ...), 1 to "
                    + TaskNames.MAX_LENGTH + " characters.", 1, TaskNames.MAX_LENGTH),
            "input_tokens", nullableInteger("For a model call: all input tokens, cached ones included, 0 to "
                    + MAX_TOKENS + ".", 0, MAX_TOKENS),
            "output_tokens", nullableInteger("For a model call: output tokens, 0 to " + MAX_TOKENS + ".", 0,
                    MAX_TOKENS),
            "cache_read_tokens", nullableInteger("For a model call: the input tokens read from a prompt cache "
                    + "(part of input_tokens), 0 to " + MAX_TOKENS + ".", 0, MAX_TOKENS),
            "cache_write_tokens", nullableInteger("For a model call: the input tokens written to a prompt cache "
                    + "(part of input_tokens), 0 to " + MAX_TOKENS + ".", 0, MAX_TOKENS),
            "cost_usd", nullableNumber("For a model call: what it cost in US dollars, 0 to "
                    + (long) TaskReportLimits.MAX_COST_USD + "; without it AgentMeter prices the "
                    + "tokens from its price table, and an unknown model's cost stays unknown.", 0,
                    TaskReportLimits.MAX_COST_USD),
            "trace_id", nullableString("The OpenTelemetry trace the task belongs to: 32 hexadecimal digits, "
                    + "not all zero.", "^[0-9a-fA-F]{32}$")),
            List.of("name", "duration_ms", "success"));

    private TaskReportSchema() {
    }
}
