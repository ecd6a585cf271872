package dev.agentmeter.export;

import java.time.Instant;
import java.util.UUID;

import dev.agentmeter.metrics.ModelCall;
import dev.agentmeter.metrics.TaskRecord;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.data.StatusData;

/**
 * A recorded task as an OpenTelemetry span, named and attributed by the GenAI and MCP semantic conventions (the
 * table is in README, "OTLP export"):
 * <ul>
 *   <li>the span's name is the task's name, so a receiver that names tasks by their spans (AgentMeter's own
 *       {@code /v1/traces}) gets the same name back;</li>
 *   <li>a task with a model call is {@code gen_ai.operation.name=chat} (kind CLIENT) with its model, provider,
 *       tokens and cost; any other is {@code execute_tool} (kind INTERNAL) with {@code gen_ai.tool.name}; a tool
 *       call the MCP proxy watched also has {@code mcp.method.name=tools/call} (kind CLIENT);</li>
 *   <li>a failure has status ERROR with the task's error as its message, and {@code error.type=_OTHER} (a task
 *       keeps no error class, and the convention's fallback says so);</li>
 *   <li>the trace id is the task's own when it came with one, a random one otherwise; the span id is always new.</li>
 * </ul>
 * Thread-safe (immutable; the id generator is).
 */
final class TaskSpans {

    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> TOOL = AttributeKey.stringKey("gen_ai.tool.name");
    static final AttributeKey<String> MCP_METHOD = AttributeKey.stringKey("mcp.method.name");
    static final AttributeKey<String> AGENT = AttributeKey.stringKey("gen_ai.agent.name");
    static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
    static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<Long> CACHE_READ_TOKENS = AttributeKey.longKey("gen_ai.usage.cache_read.input_tokens");
    static final AttributeKey<Long> CACHE_WRITE_TOKENS =
            AttributeKey.longKey("gen_ai.usage.cache_creation.input_tokens");
    /**
     * No convention names a cost yet: the name instrumentations such as OpenLIT use, in US dollars, which
     * AgentMeter's own receiver reads back as the task's cost.
     */
    static final AttributeKey<Double> COST_USD = AttributeKey.doubleKey("gen_ai.usage.cost");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    static final String CHAT = "chat";
    static final String EXECUTE_TOOL = "execute_tool";
    static final String TOOLS_CALL = "tools/call";
    /** The conventions' value of {@code error.type} when the error has no class of its own. */
    static final String OTHER_ERROR = "_OTHER";
    static final String SERVICE_NAME = "agentmeter";
    static final String SCOPE_NAME = "dev.agentmeter";

    private final TaskOrigin origin;
    private final Resource resource;
    private final InstrumentationScopeInfo scope;
    private final IdGenerator ids;

    /**
     * @param origin         what the tasks are, which decides their attributes
     * @param serviceVersion AgentMeter's version, on the resource and the scope
     */
    TaskSpans(TaskOrigin origin, String serviceVersion, IdGenerator ids) {
        this.origin = origin;
        this.resource = Resource.create(Attributes.of(
                AttributeKey.stringKey("service.name"), SERVICE_NAME,
                AttributeKey.stringKey("service.version"), serviceVersion,
                AttributeKey.stringKey("service.instance.id"), UUID.randomUUID().toString()));
        this.scope = InstrumentationScopeInfo.builder(SCOPE_NAME).setVersion(serviceVersion).build();
        this.ids = ids;
    }

    TaskSpan of(TaskRecord task) {
        long endNanos = epochNanos(task.timestamp());
        long startNanos = Math.max(0, endNanos - task.durationMicros() * 1_000);
        String traceId = task.traceId() != null && TraceId.isValid(task.traceId()) ? task.traceId()
                : ids.generateTraceId();
        var context = SpanContext.create(traceId, ids.generateSpanId(), TraceFlags.getSampled(),
                TraceState.getDefault());
        StatusData status = task.success() ? StatusData.unset() : StatusData.create(StatusCode.ERROR, task.error());
        return new TaskSpan(task.name(), kind(task), context, status, startNanos, endNanos, attributes(task),
                resource, scope);
    }

    private SpanKind kind(TaskRecord task) {
        return task.modelCall() != null || origin == TaskOrigin.MCP_PROXY ? SpanKind.CLIENT : SpanKind.INTERNAL;
    }

    private Attributes attributes(TaskRecord task) {
        AttributesBuilder attributes = Attributes.builder();
        ModelCall call = task.modelCall();
        if (call == null) {
            attributes.put(OPERATION, EXECUTE_TOOL).put(TOOL, task.name());
            if (origin == TaskOrigin.MCP_PROXY) {
                attributes.put(MCP_METHOD, TOOLS_CALL);
            }
        } else {
            attributes.put(OPERATION, CHAT);
            putIfKnown(attributes, REQUEST_MODEL, call.model());
            putIfKnown(attributes, RESPONSE_MODEL, call.model());
            putIfKnown(attributes, PROVIDER, call.provider());
            putIfKnown(attributes, INPUT_TOKENS, call.inputTokens());
            putIfKnown(attributes, OUTPUT_TOKENS, call.outputTokens());
            putIfKnown(attributes, CACHE_READ_TOKENS, call.cacheReadTokens());
            putIfKnown(attributes, CACHE_WRITE_TOKENS, call.cacheWriteTokens());
            putIfKnown(attributes, COST_USD, call.costUsd());
        }
        putIfKnown(attributes, AGENT, task.agent());
        if (!task.success()) {
            attributes.put(ERROR_TYPE, OTHER_ERROR);
        }
        return attributes.build();
    }

    private static <T> void putIfKnown(AttributesBuilder attributes, AttributeKey<T> key, T value) {
        if (value != null) {
            attributes.put(key, value);
        }
    }

    private static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
