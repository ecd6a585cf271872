package dev.agentmeter.mcp;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CompleteRequest;
import io.modelcontextprotocol.spec.McpSchema.GetPromptRequest;
import io.modelcontextprotocol.spec.McpSchema.InitializeRequest;
import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import io.modelcontextprotocol.spec.McpSchema.PaginatedRequest;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.SetLevelRequest;
import io.modelcontextprotocol.spec.McpSchema.SubscribeRequest;
import io.modelcontextprotocol.spec.McpSchema.UnsubscribeRequest;

/**
 * The params each MCP method served here takes, as a table: the fields that must be there (and their JSON types),
 * and the SDK record its handler reads them into. The SDK's handlers convert params without a check of their own,
 * so {@code "arguments":"x"} or a missing {@code params} reached them as an exception whose message (Java class
 * names, NPE text) became the answer, and a missing or unknown logging level quietly became {@code info}. Checked
 * here first, such a request gets {@code -32602} saying what to send, the same on every transport. The fields are
 * checked before the conversion, which would log a warning of the SDK's for each one missing. A method not in the
 * table is the SDK's to answer.
 *
 * <p>For {@code tools/call}, the one method a busy client sends over and over, the fields listed are every field
 * of the SDK's record ({@code name}, {@code arguments}, {@code _meta}; it ignores unknown ones), so once they fit the
 * conversion cannot fail and the trial one is skipped: it was 4% of a call's CPU on stdio.
 * {@code ParamsShapesTest} holds both ways to the same verdict.
 *
 * <p>Thread-safe (immutable).
 */
public final class ParamsShapes {

    private enum Kind { STRING, OBJECT, LEVEL }

    /** A field of the params, by its dotted path ({@code keys}); {@code required}, or checked only when present. */
    private record Field(List<String> keys, Kind kind, boolean required) {
    }

    /**
     * One method's params: {@code fields}, then readable as {@code type}; {@code expected} says what to send.
     * {@code fieldsSuffice}: the fields cover every field of {@code type}, so fitting them is enough.
     */
    private record Shape(String method, boolean paramsRequired, List<Field> fields, Class<?> type, String expected,
            boolean fieldsSuffice) {

        Shape(String method, boolean paramsRequired, List<Field> fields, Class<?> type, String expected) {
            this(method, paramsRequired, fields, type, expected, false);
        }
    }

    private static final List<String> LEVELS = Stream.of(LoggingLevel.values())
            .map(level -> level.name().toLowerCase(Locale.ROOT)).toList();

    private static final List<Shape> SHAPES = List.of(
            new Shape(McpSchema.METHOD_INITIALIZE, true, List.of(required("protocolVersion", Kind.STRING),
                    required("capabilities", Kind.OBJECT), required("clientInfo", Kind.OBJECT),
                    required("clientInfo.name", Kind.STRING), required("clientInfo.version", Kind.STRING)),
                    InitializeRequest.class, "{\"protocolVersion\": string, \"capabilities\": object, "
                            + "\"clientInfo\": {\"name\": string, \"version\": string}}"),
            paginated(McpSchema.METHOD_TOOLS_LIST),
            new Shape(McpSchema.METHOD_TOOLS_CALL, true, List.of(required("name", Kind.STRING),
                    optional("arguments", Kind.OBJECT), optional("_meta", Kind.OBJECT)), CallToolRequest.class,
                    "{\"name\": string, \"arguments\"?: object}", true),
            paginated(McpSchema.METHOD_RESOURCES_LIST),
            paginated(McpSchema.METHOD_RESOURCES_TEMPLATES_LIST),
            uri(McpSchema.METHOD_RESOURCES_READ, ReadResourceRequest.class),
            uri(McpSchema.METHOD_RESOURCES_SUBSCRIBE, SubscribeRequest.class),
            uri(McpSchema.METHOD_RESOURCES_UNSUBSCRIBE, UnsubscribeRequest.class),
            paginated(McpSchema.METHOD_PROMPT_LIST),
            new Shape(McpSchema.METHOD_PROMPT_GET, true, List.of(required("name", Kind.STRING),
                    optional("arguments", Kind.OBJECT)), GetPromptRequest.class,
                    "{\"name\": string, \"arguments\"?: object of strings}"),
            new Shape(McpSchema.METHOD_COMPLETION_COMPLETE, true, List.of(required("ref", Kind.OBJECT),
                    required("ref.type", Kind.STRING), required("argument", Kind.OBJECT),
                    required("argument.name", Kind.STRING), required("argument.value", Kind.STRING)),
                    CompleteRequest.class, "{\"ref\": {\"type\": \"ref/prompt\" or \"ref/resource\", ...}, "
                            + "\"argument\": {\"name\": string, \"value\": string}}"),
            new Shape(McpSchema.METHOD_LOGGING_SET_LEVEL, true, List.of(required("level", Kind.LEVEL)),
                    SetLevelRequest.class, "{\"level\": one of " + String.join(", ", LEVELS) + "}"));

    private static final Map<String, Shape> BY_METHOD = SHAPES.stream()
            .collect(Collectors.toUnmodifiableMap(Shape::method, Function.identity()));

    private final McpJsonMapper mapper;

    public ParamsShapes(McpJsonMapper mapper) {
        this.mapper = mapper;
    }

    /** What is wrong with {@code params} for {@code method}, as the error message; empty when nothing is. */
    public Optional<String> problem(String method, Object params) {
        Shape shape = BY_METHOD.get(method);
        if (shape == null || (params == null && !shape.paramsRequired())) {
            return Optional.empty();
        }
        if (!(params instanceof Map<?, ?> object)) {
            return refusal(shape);
        }
        for (Field field : shape.fields()) {
            if (!fits(field, object)) {
                return refusal(shape);
            }
        }
        if (shape.fieldsSuffice()) {
            return Optional.empty();
        }
        try {
            mapper.convertValue(params, shape.type());
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return refusal(shape);
        }
    }

    private static Optional<String> refusal(Shape shape) {
        return Optional.of("Invalid params: " + shape.method() + " takes params " + shape.expected());
    }

    private static boolean fits(Field field, Map<?, ?> params) {
        Object value = params;
        for (String key : field.keys()) {
            value = value instanceof Map<?, ?> map ? map.get(key) : null;
        }
        if (value == null) {
            return !field.required();
        }
        return switch (field.kind()) {
            case STRING -> value instanceof String;
            case OBJECT -> value instanceof Map;
            case LEVEL -> value instanceof String level && LEVELS.contains(level);
        };
    }

    private static Field required(String path, Kind kind) {
        return new Field(List.of(path.split("\\.")), kind, true);
    }

    private static Field optional(String path, Kind kind) {
        return new Field(List.of(path.split("\\.")), kind, false);
    }

    private static Shape paginated(String method) {
        return new Shape(method, false, List.of(optional("cursor", Kind.STRING)), PaginatedRequest.class,
                "{\"cursor\"?: string} or none");
    }

    private static Shape uri(String method, Class<?> type) {
        return new Shape(method, true, List.of(required("uri", Kind.STRING)), type, "{\"uri\": string}");
    }
}
