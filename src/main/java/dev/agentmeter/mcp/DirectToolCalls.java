package dev.agentmeter.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncToolSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse.JSONRPCError;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import reactor.core.publisher.Mono;

/**
 * {@code tools/call} of an initialized 2025-11-25 session, answered without the SDK's session machinery: the same
 * tool specifications the SDK's server was given, called directly, and the same answer the SDK's server would send
 * (its {@code JSONRPCResponse}, so it serialises to the same bytes; {@code DirectToolCallsTest} compares them).
 *
 * <p>Why by hand: our tool handlers take no exchange (nothing of a session reaches them, see
 * {@code stateless.FeatureCatalog}), yet the SDK runs every call through its reactive session pipeline and, over
 * HTTP, through a second parse of a message we had already parsed: most of a call's cost (BENCHMARKS.md, issue 15).
 * What the SDK's server does for a call is reproduced here step by step, as its 2.1 sources do it:
 * <ul>
 *   <li>the params converted to its {@code CallToolRequest} by the same mapper;</li>
 *   <li>an unknown tool is {@code -32602} "Unknown tool: invalid_tool_name", with "Tool not found: NAME" as data;</li>
 *   <li>no input validation (the servers are built with {@code validateToolInputs(false)}: our operations check
 *       arguments and answer with our envelope);</li>
 *   <li>the result of a tool with an output schema, unless it is an error, is checked on every call by the server's
 *       {@link JsonSchemaValidator} ({@code ToolResultValidator}), with the SDK's wording on failure;</li>
 *   <li>an {@link McpError} is answered as its JSON-RPC error, any other fault as {@code -32603} with the fault's
 *       message, as the SDK's sessions word it (stdio then replaces that wording: {@link McpErrors#withoutInternals}).
 *       </li>
 * </ul>
 *
 * <p>Thread-safe (immutable once built).
 */
public final class DirectToolCalls {

    private static final Logger log = LoggerFactory.getLogger(DirectToolCalls.class);
    private static final TypeRef<CallToolRequest> CALL = new TypeRef<>() {
    };

    /** The JSON fields of the SDK's {@code CallToolRequest}. */
    private static final Set<String> CALL_FIELDS = Set.of("name", "arguments", "_meta");

    private final McpJsonMapper mapper;
    private final JsonSchemaValidator validator;
    private final Map<String, AsyncToolSpecification> tools = new LinkedHashMap<>();

    /** Serves {@code specifications} (the list the SDK's server was built with), checked by {@code validator}. */
    public DirectToolCalls(List<AsyncToolSpecification> specifications, JsonSchemaValidator validator,
                           McpJsonMapper mapper) {
        this.mapper = mapper;
        this.validator = validator;
        specifications.forEach(tool -> tools.putIfAbsent(tool.tool().name(), tool));
    }

    /** Whether {@code request} is one served here: a {@code tools/call}. */
    public static boolean serves(JSONRPCRequest request) {
        return McpSchema.METHOD_TOOLS_CALL.equals(request.method());
    }

    /** The answer to {@code request} (a {@code tools/call}), as the SDK's server gives it; the Mono never fails. */
    public Mono<JSONRPCResponse> answer(JSONRPCRequest request) {
        return answerLater(request).map(Supplier::get);
    }

    /**
     * The same answer in two steps: the tool is called when the Mono is subscribed to; the supplier then checks its
     * result against the tool's output schema and makes the answer, on whichever thread calls it (stdio: the writer
     * thread, so that the thread reading requests is free for the next one). Neither the Mono nor the supplier fails.
     */
    public Mono<Supplier<JSONRPCResponse>> answerLater(JSONRPCRequest request) {
        return Mono.defer(() -> call(request.params()))
                .<Supplier<JSONRPCResponse>>map(result -> () -> answerOf(request, result))
                .onErrorResume(fault -> Mono.just(() -> JSONRPCResponse.error(request.id(), errorOf(request, fault))));
    }

    private static JSONRPCResponse answerOf(JSONRPCRequest request, Supplier<CallToolResult> result) {
        try {
            return JSONRPCResponse.result(request.id(), result.get());
        } catch (RuntimeException fault) {
            return JSONRPCResponse.error(request.id(), errorOf(request, fault));
        }
    }

    /** The tool's result, to be checked by the supplier. */
    private Mono<Supplier<CallToolResult>> call(Object params) {
        CallToolRequest call = callOf(params);
        AsyncToolSpecification tool = tools.get(call.name());
        if (tool == null) {
            return Mono.error(McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                    .message("Unknown tool: invalid_tool_name")
                    .data("Tool not found: " + call.name())
                    .build());
        }
        Map<String, Object> outputSchema = tool.tool().outputSchema();
        return tool.callHandler().apply(null, call).map(called -> outputSchema == null ? () -> called
                : () -> checked(called, outputSchema, call.name()));
    }

    /**
     * The params as the SDK's {@code CallToolRequest}. Params of the shape {@code ParamsShapes} lets through (a string
     * {@code name}, optional object {@code arguments} and {@code _meta}: every field of the record) are taken as they
     * are, which is what the mapper's conversion gives (its creator takes the three fields as maps) without writing
     * and reading them again (4% of a call's JFR samples before; BENCHMARKS.md, issue 15, round 3). Any other shape
     * goes through the mapper, as the SDK does it.
     */
    @SuppressWarnings("unchecked")
    private CallToolRequest callOf(Object params) {
        if (params instanceof Map<?, ?> fields && fields.get("name") instanceof String name
                && isObjectOrAbsent(fields.get("arguments")) && isObjectOrAbsent(fields.get("_meta"))
                && onlyCallFields(fields)) {
            return new CallToolRequest(name, (Map<String, Object>) fields.get("arguments"),
                    (Map<String, Object>) fields.get("_meta"));
        }
        return mapper.convertValue(params, CALL);
    }

    /** JSON objects are read as maps with string keys, so a map here is a JSON object. */
    private static boolean isObjectOrAbsent(Object value) {
        return value == null || value instanceof Map<?, ?>;
    }

    private static boolean onlyCallFields(Map<?, ?> fields) {
        int known = 0;
        for (String field : CALL_FIELDS) {
            known += fields.containsKey(field) ? 1 : 0;
        }
        return known == fields.size();
    }

    /** The SDK's check of a result against its tool's output schema, word for word. */
    private CallToolResult checked(CallToolResult result, Map<String, Object> outputSchema, String toolName) {
        if (Boolean.TRUE.equals(result.isError())) {
            return result;
        }
        if (result.structuredContent() == null) {
            String content = "Response missing structured content which is expected when calling tool with "
                    + "non-empty outputSchema";
            log.warn(content);
            return failed(content);
        }
        var validation = validator.validate(outputSchema, result.structuredContent());
        if (!validation.valid()) {
            String message = "Tool (" + toolName + ") output validation failed: " + validation.errorMessage();
            log.warn(message);
            return failed(message);
        }
        if (result.content() == null || result.content().isEmpty()) {
            return CallToolResult.builder()
                    .content(List.of(TextContent.builder(validation.jsonStructuredOutput()).build()))
                    .isError(result.isError())
                    .structuredContent(result.structuredContent())
                    .build();
        }
        return result;
    }

    private static CallToolResult failed(String message) {
        return CallToolResult.builder().content(List.of(TextContent.builder(message).build())).isError(true).build();
    }

    private static JSONRPCError errorOf(JSONRPCRequest request, Throwable fault) {
        if (fault instanceof McpError error && error.getJsonRpcError() != null) {
            return error.getJsonRpcError();
        }
        log.warn("Error handling request {} [{}]", request.id(), request.method(), fault);
        return new JSONRPCError(McpSchema.ErrorCodes.INTERNAL_ERROR,
                Objects.requireNonNullElse(fault.getMessage(), "Internal error"), null);
    }
}
