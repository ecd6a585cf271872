package dev.agentmeter.otlp;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * OTLP JSON writes trace and span ids as hex, where protobuf's JSON mapping expects base64 for bytes: this
 * rewrites them, in place, in a parsed JSON tree, wherever they are (spans, links, log records, exemplars),
 * before {@code JsonFormat} reads it. An id must be empty, or 32 hex digits (a trace id) or 16 (a span id),
 * in either case; anything else is the sender's mistake, reported by where it is.
 *
 * <p>Thread-safe (stateless). The walk recurses as deep as the tree, which the parser bounds.
 */
final class HexIds {

    private static final Map<String, Integer> ID_FIELD_BYTES = Map.of(
            "traceId", 16, "trace_id", 16,
            "spanId", 8, "span_id", 8,
            "parentSpanId", 8, "parent_span_id", 8);
    private static final HexFormat HEX = HexFormat.of();

    private HexIds() {
    }

    /** Rewrites every id in {@code tree}; answers the first bad one, or empty when all were good. */
    static Optional<String> rewrite(JsonNode tree) {
        if (tree.isArray()) {
            for (JsonNode element : tree) {
                Optional<String> problem = rewrite(element);
                if (problem.isPresent()) {
                    return problem;
                }
            }
        } else if (tree instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                Integer idBytes = ID_FIELD_BYTES.get(field.getKey());
                Optional<String> problem = idBytes != null && field.getValue().isTextual()
                        ? rewriteId(field, idBytes) : rewrite(field.getValue());
                if (problem.isPresent()) {
                    return problem;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> rewriteId(Map.Entry<String, JsonNode> field, int idBytes) {
        String hex = field.getValue().textValue();
        if (hex.length() != 0 && hex.length() != idBytes * 2) {
            return Optional.of(field.getKey() + " must be empty or " + idBytes * 2 + " hex digits, got "
                    + hex.length() + " characters");
        }
        byte[] id;
        try {
            id = HEX.parseHex(hex);
        } catch (IllegalArgumentException e) {
            return Optional.of(field.getKey() + " must be hex digits (0-9, a-f)");
        }
        field.setValue(new TextNode(Base64.getEncoder().encodeToString(id)));
        return Optional.empty();
    }
}
