package dev.agentmeter.operations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON form of envelopes and of request bodies, shared by every transport so the field names are
 * written once: view records serialise with their component names in snake_case.
 *
 * <p>Thread-safe (a configured Jackson mapper).
 */
public final class JsonCodec {

    /** Deeper JSON is refused: no legitimate body nests this far, and deep nesting is a parser attack. */
    public static final int MAX_NESTING_DEPTH = 32;

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final ObjectMapper mapper;

    public JsonCodec() {
        var factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                .build();
        mapper = JsonMapper.builder(factory)
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // {"name":"a","name":"b"} is ambiguous: refuse it rather than let the last one win silently.
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    /** The envelope as JSON text. */
    public String write(Envelope envelope) {
        return write(asTree(envelope));
    }

    /** Any view (record, list, map) as JSON text. */
    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a view could not be written as JSON", e);
        }
    }

    /** The envelope as a JSON tree: written by {@link #write(Object)}, read as a map by {@link #asMap(Object)}. */
    public JsonNode tree(Envelope envelope) {
        return mapper.valueToTree(asTree(envelope));
    }

    /** The envelope as plain maps and lists, e.g. for an MCP tool result's structured content. */
    public Map<String, Object> asMap(Envelope envelope) {
        return mapper.convertValue(asTree(envelope), OBJECT);
    }

    /** A view record as plain maps and lists, as it would be written, e.g. to add a field before writing. */
    public Map<String, Object> asMap(Object view) {
        return mapper.convertValue(view, OBJECT);
    }

    /** Parses a JSON object; anything else (bad syntax, bad UTF-8, an array, too deep) is a clear refusal. */
    public Checked<Map<String, Object>> readObject(byte[] json) {
        try {
            var tree = mapper.readTree(json);
            if (tree == null || tree.isMissingNode()) {
                return Checked.invalid("the body is empty; expected a JSON object");
            }
            if (!tree.isObject()) {
                return Checked.invalid("expected a JSON object, got " + tree.getNodeType().name().toLowerCase());
            }
            return Checked.valid(mapper.convertValue(tree, OBJECT));
        } catch (JsonProcessingException e) {
            return Checked.invalid("the body is not valid JSON: " + describe(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses a JSON object or array (as maps and lists); anything else is a clear refusal, as for
     * {@link #readObject}.
     */
    public Checked<Object> readObjectOrArray(byte[] json) {
        try {
            var tree = mapper.readTree(json);
            if (tree == null || tree.isMissingNode()) {
                return Checked.invalid("the body is empty; expected a JSON object or array");
            }
            if (!tree.isObject() && !tree.isArray()) {
                return Checked.invalid("expected a JSON object or array, got " + tree.getNodeType().name().toLowerCase());
            }
            return Checked.valid(mapper.treeToValue(tree, Object.class));
        } catch (JsonProcessingException e) {
            return Checked.invalid("the body is not valid JSON: " + describe(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> asTree(Envelope envelope) {
        var tree = new LinkedHashMap<String, Object>();
        tree.put("status", envelope.status());
        if (envelope instanceof Envelope.Success success) {
            tree.put("data", success.data());
        } else if (envelope instanceof Envelope.Failure failure) {
            var error = new LinkedHashMap<String, Object>();
            error.put("code", failure.code().wireName());
            error.put("message", failure.message());
            tree.put("error", error);
        }
        return tree;
    }

    /** Jackson's own words about what is wrong and where, without its exception class or source excerpt. */
    private static String describe(JsonProcessingException e) {
        String reason = e.getOriginalMessage();
        int cut = reason.indexOf('\n');
        reason = cut >= 0 ? reason.substring(0, cut) : reason;
        JsonLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            reason += " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        }
        return reason;
    }
}
