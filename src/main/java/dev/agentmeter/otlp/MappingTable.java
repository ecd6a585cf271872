package dev.agentmeter.otlp;

import static dev.agentmeter.otlp.Dialect.CLAUDE_CODE;
import static dev.agentmeter.otlp.Dialect.GEN_AI;
import static dev.agentmeter.otlp.Dialect.GEN_AI_LEGACY;
import static dev.agentmeter.otlp.Dialect.MCP;
import static dev.agentmeter.otlp.Dialect.OPENINFERENCE;
import static dev.agentmeter.otlp.Dialect.RESOURCE;
import static dev.agentmeter.otlp.Scope.DATA_POINT;
import static dev.agentmeter.otlp.Scope.EVENT;
import static dev.agentmeter.otlp.Scope.SPAN;
import static dev.agentmeter.otlp.Target.AGENT;
import static dev.agentmeter.otlp.Target.CACHE_READ_TOKENS;
import static dev.agentmeter.otlp.Target.CACHE_WRITE_TOKENS;
import static dev.agentmeter.otlp.Target.COST_USD;
import static dev.agentmeter.otlp.Target.DURATION_MS;
import static dev.agentmeter.otlp.Target.ERROR;
import static dev.agentmeter.otlp.Target.ERROR_TYPE;
import static dev.agentmeter.otlp.Target.INPUT_TOKENS;
import static dev.agentmeter.otlp.Target.MODEL;
import static dev.agentmeter.otlp.Target.OPERATION;
import static dev.agentmeter.otlp.Target.OUTPUT_TOKENS;
import static dev.agentmeter.otlp.Target.PROVIDER;
import static dev.agentmeter.otlp.Target.SUCCESS;
import static dev.agentmeter.otlp.Target.TOOL_NAME;

import java.util.List;

/**
 * Which telemetry becomes a task, and how: every dialect as rows of data, in one place (README's mapping
 * table is this class). A new dialect, or a new spelling of an attribute, is one more row; the mappers
 * ({@link SpanTasks}, {@link EventTasks}, {@link MetricUsage}) only apply the rows.
 *
 * <p>Where several rows fill the same target, the first row (in this order) whose attribute is present wins:
 * {@code gen_ai.response.model} before {@code gen_ai.request.model}, a span's {@code gen_ai.agent.name} before
 * the resource's {@code service.name}.
 */
final class MappingTable {

    /** Reads the attribute {@code key} of {@code scope} into {@code target}. */
    record Row(Scope scope, String key, Target target, Dialect dialect) {
    }

    /** A span whose {@code key} attribute has this value is a model call (it carries model, tokens, cost). */
    record ModelCallMarker(String key, String value, Dialect dialect) {
    }

    /** What a task's outcome comes from, for an event. */
    enum EventOutcome { SUCCEEDED, FAILED, FROM_SUCCESS_ATTRIBUTE }

    /**
     * A log event that becomes a task named {@code operation} followed by the value of {@code namedBy}
     * ({@code chat claude-sonnet-4-5}, {@code execute_tool Bash}); {@code provider} is what a model call of
     * this dialect is served by, or null.
     */
    record EventRow(String event, Dialect dialect, String operation, Target namedBy, EventOutcome outcome,
                    boolean modelCall, String provider) {
    }

    /** What a metric measures, for {@link MetricUsage}. */
    enum Measure { TOKENS, COST_USD, ACCEPTED_NOT_RECORDED }

    /**
     * A metric read into the token and cost totals: tokens split by the data point attribute
     * {@code tokenTypeKey}, or cost in US dollars, or accepted and counted only.
     */
    record MetricRow(String metric, Dialect dialect, Measure measure, String tokenTypeKey, String provider) {
    }

    /** A value of a token metric's type attribute, and the token count it adds to. */
    record TokenTypeRow(Dialect dialect, String value, Target target) {
    }

    static final List<Row> ROWS = List.of(
            // What makes a span a task: the operation it names.
            new Row(SPAN, "gen_ai.operation.name", OPERATION, GEN_AI),
            new Row(SPAN, "mcp.method.name", OPERATION, MCP),
            new Row(SPAN, "openinference.span.kind", OPERATION, OPENINFERENCE),
            // Who ran it.
            new Row(SPAN, "gen_ai.agent.name", AGENT, GEN_AI),
            new Row(Scope.RESOURCE, "service.name", AGENT, RESOURCE),
            // Failure: with the span's status.
            new Row(SPAN, "error.type", ERROR_TYPE, GEN_AI),
            // Model calls: model and provider.
            new Row(SPAN, "gen_ai.response.model", MODEL, GEN_AI),
            new Row(SPAN, "gen_ai.request.model", MODEL, GEN_AI),
            new Row(SPAN, "llm.model_name", MODEL, OPENINFERENCE),
            new Row(SPAN, "gen_ai.provider.name", PROVIDER, GEN_AI),
            new Row(SPAN, "gen_ai.system", PROVIDER, GEN_AI_LEGACY),
            new Row(SPAN, "llm.provider", PROVIDER, OPENINFERENCE),
            new Row(SPAN, "llm.system", PROVIDER, OPENINFERENCE),
            // Model calls: tokens, in every dialect.
            new Row(SPAN, "gen_ai.usage.input_tokens", INPUT_TOKENS, GEN_AI),
            new Row(SPAN, "gen_ai.usage.prompt_tokens", INPUT_TOKENS, GEN_AI_LEGACY),
            new Row(SPAN, "llm.token_count.prompt", INPUT_TOKENS, OPENINFERENCE),
            new Row(SPAN, "gen_ai.usage.output_tokens", OUTPUT_TOKENS, GEN_AI),
            new Row(SPAN, "gen_ai.usage.completion_tokens", OUTPUT_TOKENS, GEN_AI_LEGACY),
            new Row(SPAN, "llm.token_count.completion", OUTPUT_TOKENS, OPENINFERENCE),
            new Row(SPAN, "gen_ai.usage.cache_read.input_tokens", CACHE_READ_TOKENS, GEN_AI),
            new Row(SPAN, "llm.token_count.prompt_details.cache_read", CACHE_READ_TOKENS, OPENINFERENCE),
            new Row(SPAN, "gen_ai.usage.cache_creation.input_tokens", CACHE_WRITE_TOKENS, GEN_AI),
            new Row(SPAN, "llm.token_count.prompt_details.cache_write", CACHE_WRITE_TOKENS, OPENINFERENCE),
            // Model calls: a cost the instrumentation reported (the semantic conventions have none).
            new Row(SPAN, "gen_ai.usage.cost", COST_USD, GEN_AI_LEGACY),
            new Row(SPAN, "llm.cost.total", COST_USD, OPENINFERENCE),
            // Claude Code's events (log records): values are often strings ("123", "true"), read as numbers.
            new Row(EVENT, "model", MODEL, CLAUDE_CODE),
            new Row(EVENT, "tool_name", TOOL_NAME, CLAUDE_CODE),
            new Row(EVENT, "duration_ms", DURATION_MS, CLAUDE_CODE),
            new Row(EVENT, "success", SUCCESS, CLAUDE_CODE),
            new Row(EVENT, "error", ERROR, CLAUDE_CODE),
            new Row(EVENT, "input_tokens", INPUT_TOKENS, CLAUDE_CODE),
            new Row(EVENT, "output_tokens", OUTPUT_TOKENS, CLAUDE_CODE),
            new Row(EVENT, "cache_read_tokens", CACHE_READ_TOKENS, CLAUDE_CODE),
            new Row(EVENT, "cache_creation_tokens", CACHE_WRITE_TOKENS, CLAUDE_CODE),
            new Row(EVENT, "cost_usd", COST_USD, CLAUDE_CODE),
            // Metric data points: which model the usage is of.
            new Row(DATA_POINT, "gen_ai.response.model", MODEL, GEN_AI),
            new Row(DATA_POINT, "gen_ai.request.model", MODEL, GEN_AI),
            new Row(DATA_POINT, "model", MODEL, CLAUDE_CODE),
            new Row(DATA_POINT, "gen_ai.provider.name", PROVIDER, GEN_AI),
            new Row(DATA_POINT, "gen_ai.system", PROVIDER, GEN_AI_LEGACY));

    static final List<ModelCallMarker> MODEL_CALLS = List.of(
            new ModelCallMarker("gen_ai.operation.name", "chat", GEN_AI),
            new ModelCallMarker("gen_ai.operation.name", "text_completion", GEN_AI),
            new ModelCallMarker("gen_ai.operation.name", "generate_content", GEN_AI),
            new ModelCallMarker("gen_ai.operation.name", "embeddings", GEN_AI),
            new ModelCallMarker("openinference.span.kind", "LLM", OPENINFERENCE),
            new ModelCallMarker("openinference.span.kind", "EMBEDDING", OPENINFERENCE));

    /** Log events are matched by name with or without these prefixes. */
    static final List<String> EVENT_PREFIXES = List.of("claude_code.");

    static final List<EventRow> EVENTS = List.of(
            new EventRow("api_request", CLAUDE_CODE, "chat", MODEL, EventOutcome.SUCCEEDED, true, "anthropic"),
            new EventRow("api_error", CLAUDE_CODE, "chat", MODEL, EventOutcome.FAILED, true, "anthropic"),
            new EventRow("tool_result", CLAUDE_CODE, "execute_tool", TOOL_NAME, EventOutcome.FROM_SUCCESS_ATTRIBUTE,
                    false, null));

    static final List<MetricRow> METRICS = List.of(
            new MetricRow("gen_ai.client.token.usage", GEN_AI, Measure.TOKENS, "gen_ai.token.type", null),
            new MetricRow("gen_ai.client.operation.duration", GEN_AI, Measure.ACCEPTED_NOT_RECORDED, null, null),
            new MetricRow("claude_code.token.usage", CLAUDE_CODE, Measure.TOKENS, "type", "anthropic"),
            new MetricRow("claude_code.cost.usage", CLAUDE_CODE, Measure.COST_USD, null, "anthropic"));

    static final List<TokenTypeRow> TOKEN_TYPES = List.of(
            new TokenTypeRow(GEN_AI, "input", INPUT_TOKENS),
            new TokenTypeRow(GEN_AI, "output", OUTPUT_TOKENS),
            new TokenTypeRow(CLAUDE_CODE, "input", INPUT_TOKENS),
            new TokenTypeRow(CLAUDE_CODE, "output", OUTPUT_TOKENS),
            new TokenTypeRow(CLAUDE_CODE, "cacheRead", CACHE_READ_TOKENS),
            new TokenTypeRow(CLAUDE_CODE, "cacheCreation", CACHE_WRITE_TOKENS));

    private MappingTable() {
    }
}
