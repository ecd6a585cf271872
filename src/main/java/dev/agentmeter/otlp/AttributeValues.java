package dev.agentmeter.otlp;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;

/**
 * An attribute value as the task object's field wants it. Instrumentations disagree on types (Claude Code
 * sends {@code "123"} and {@code "true"} as strings), so a string that reads as the wanted number or flag is
 * taken as one; anything else is passed on as it is (an array as a list, a map as a map), and the task
 * rules refuse it with a message that names the field, like any other bad value.
 *
 * <p>Thread-safe (stateless).
 */
final class AttributeValues {

    private AttributeValues() {
    }

    /** The value for a target of {@code kind}; {@code null} when the attribute holds no value at all. */
    static Object as(Target.Kind kind, AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> fromText(kind, value.getStringValue());
            case INT_VALUE -> kind == Target.Kind.TEXT ? Long.toString(value.getIntValue()) : value.getIntValue();
            case DOUBLE_VALUE -> kind == Target.Kind.TEXT ? Double.toString(value.getDoubleValue())
                    : value.getDoubleValue();
            case BOOL_VALUE -> kind == Target.Kind.TEXT ? Boolean.toString(value.getBoolValue()) : value.getBoolValue();
            case ARRAY_VALUE -> list(value.getArrayValue().getValuesList());
            case KVLIST_VALUE -> map(value.getKvlistValue().getValuesList());
            case BYTES_VALUE -> value.getBytesValue().toByteArray();
            // No value, or a kind only profiles use (an index into a string table): nothing to read.
            default -> null;
        };
    }

    /** A string value as text, or as the number or flag it spells when the target wants one. */
    static Object fromText(Target.Kind kind, String text) {
        String trimmed = text.strip();
        switch (kind) {
            case WHOLE, NUMBER -> {
                try {
                    return trimmed.indexOf('.') < 0 && trimmed.indexOf('e') < 0 && trimmed.indexOf('E') < 0
                            ? (Object) Long.parseLong(trimmed) : new BigDecimal(trimmed);
                } catch (NumberFormatException e) {
                    return text;
                }
            }
            case FLAG -> {
                String lower = trimmed.toLowerCase(Locale.ROOT);
                return lower.equals("true") ? Boolean.TRUE : lower.equals("false") ? Boolean.FALSE : text;
            }
            default -> {
                return text;
            }
        }
    }

    private static List<Object> list(List<AnyValue> values) {
        var list = new ArrayList<Object>(values.size());
        values.forEach(value -> list.add(as(Target.Kind.TEXT, value)));
        return list;
    }

    private static Map<String, Object> map(List<KeyValue> values) {
        var map = new LinkedHashMap<String, Object>();
        values.forEach(entry -> map.put(entry.getKey(), as(Target.Kind.TEXT, entry.getValue())));
        return map;
    }
}
