package dev.agentmeter.mcp.features;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.agentmeter.operations.ArgumentSpec;
import dev.agentmeter.operations.OperationSpec;
import dev.agentmeter.operations.TaskNames;

/**
 * Small builders for the JSON Schema fragments of the tool definitions, so that a schema reads like the
 * contract instead of nested map literals. Every result is an immutable map in declaration order.
 *
 * <p>Thread-safe (stateless).
 */
public final class JsonSchemas {

    private JsonSchemas() {
    }

    /** An object that takes exactly {@code properties}; {@code required} lists the mandatory ones. */
    public static Map<String, Object> closedObject(Map<String, Object> properties, List<String> required) {
        var schema = new LinkedHashMap<String, Object>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        schema.put("additionalProperties", false);
        return freeze(schema);
    }

    /**
     * The input schema of an operation's tool, made from its arguments as the {@code OperationCatalogue}
     * declares them: a closed object, its required arguments listed, each with its type, range and default.
     */
    public static Map<String, Object> inputOf(OperationSpec operation) {
        var properties = new LinkedHashMap<String, Object>();
        for (ArgumentSpec argument : operation.arguments()) {
            properties.put(argument.name(), property(argument));
        }
        return closedObject(freeze(properties), operation.arguments().stream().filter(ArgumentSpec::required)
                .map(ArgumentSpec::name).toList());
    }

    private static Map<String, Object> property(ArgumentSpec argument) {
        String description = argument.description();
        return switch (argument.kind()) {
            case LIMIT -> integer(description, argument.minimum().intValue(), (Integer) argument.defaultValue());
            case SECONDS -> number(description, argument.minimum().doubleValue(), argument.maximum().doubleValue(),
                    (Double) argument.defaultValue());
            case FLAG -> bool(description, (Boolean) argument.defaultValue());
            case NEW_TASK_NAME, TASK_NAME -> string(description, 1, TaskNames.MAX_LENGTH);
            case OPTIONAL_TASK_NAME, AGENT -> nullableString(description, 1, TaskNames.MAX_LENGTH);
            case WINDOW -> string(description);
        };
    }

    /** An object with at least {@code properties}; later versions may add fields, so others are allowed. */
    public static Map<String, Object> openObject(String description, Map<String, Object> properties,
                                                 List<String> required) {
        var schema = new LinkedHashMap<String, Object>();
        schema.put("type", "object");
        schema.put("description", description);
        schema.put("properties", properties);
        schema.put("required", required);
        return freeze(schema);
    }

    public static Map<String, Object> string(String description) {
        return Map.of("type", "string", "description", description);
    }

    public static Map<String, Object> string(String description, int minLength, int maxLength) {
        return ordered("type", "string", "description", description, "minLength", minLength, "maxLength", maxLength);
    }

    public static Map<String, Object> nullableString(String description) {
        return Map.of("type", List.of("string", "null"), "description", description);
    }

    public static Map<String, Object> nullableString(String description, int minLength, int maxLength) {
        return ordered("type", List.of("string", "null"), "description", description, "minLength", minLength,
                "maxLength", maxLength);
    }

    public static Map<String, Object> nullableString(String description, String pattern) {
        return ordered("type", List.of("string", "null"), "description", description, "pattern", pattern);
    }

    public static Map<String, Object> nullableInteger(String description) {
        return Map.of("type", List.of("integer", "null"), "description", description);
    }

    public static Map<String, Object> nullableInteger(String description, long minimum, long maximum) {
        return ordered("type", List.of("integer", "null"), "description", description, "minimum", minimum,
                "maximum", maximum);
    }

    public static Map<String, Object> nullableNumber(String description, double minimum, double maximum) {
        return ordered("type", List.of("number", "null"), "description", description, "minimum", minimum,
                "maximum", maximum);
    }

    public static Map<String, Object> integer(String description) {
        return Map.of("type", "integer", "description", description);
    }

    public static Map<String, Object> integer(String description, int minimum, int defaultValue) {
        return ordered("type", "integer", "description", description, "minimum", minimum, "default", defaultValue);
    }

    public static Map<String, Object> number(String description) {
        return Map.of("type", "number", "description", description);
    }

    public static Map<String, Object> number(String description, double minimum, double maximum, double defaultValue) {
        return ordered("type", "number", "description", description, "minimum", minimum, "maximum", maximum,
                "default", defaultValue);
    }

    public static Map<String, Object> number(String description, double minimum, double maximum) {
        return ordered("type", "number", "description", description, "minimum", minimum, "maximum", maximum);
    }

    public static Map<String, Object> nullableNumber(String description) {
        return Map.of("type", List.of("number", "null"), "description", description);
    }

    public static Map<String, Object> bool(String description) {
        return Map.of("type", "boolean", "description", description);
    }

    public static Map<String, Object> bool(String description, boolean defaultValue) {
        return ordered("type", "boolean", "description", description, "default", defaultValue);
    }

    public static Map<String, Object> arrayOf(String description, Map<String, Object> items) {
        return ordered("type", "array", "description", description, "items", items);
    }

    public static Map<String, Object> oneOfStrings(String description, List<String> values) {
        return ordered("type", "string", "description", description, "enum", values);
    }

    /** A map that keeps the order of its {@code key, value} pairs, for readable schemas. */
    public static Map<String, Object> ordered(Object... keysAndValues) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return freeze(map);
    }

    private static Map<String, Object> freeze(LinkedHashMap<String, Object> map) {
        return Collections.unmodifiableMap(map);
    }
}
