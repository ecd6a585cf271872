package dev.agentmeter.mcp.features;

import java.io.IOException;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.util.TokenBuffer;

/**
 * A tool result's structured content, made once and used three ways: the JSON tree that
 * {@link ToolResultValidator} checks against the tool's output schema, the JSON text that is also the result's text
 * content (and that Jackson copies as it is into the answer, see {@link Raw}), and, for code reading the result in
 * this process, a plain read-only map of the same content, made only when first asked for.
 *
 * <p>Why not a plain map, as the SDK expects: the SDK's validator turned the map into a tree again on every call,
 * hashed the whole schema for its cache key, and wrote the tree out once more as text; with the envelope written
 * as text by us and as the answer by the transport, one call made five passes over the same figures.
 *
 * <p>Thread-safe: the tree and the text are never changed; the map is made at most a few times when several
 * threads ask at once, each time equal.
 */
@JsonSerialize(using = StructuredJson.Raw.class)
public final class StructuredJson extends AbstractMap<String, Object> {

    private final JsonNode tree;
    private final String text;
    private final Function<JsonNode, Map<String, Object>> toMap;
    // Written by whichever reader first asks for the map, read by every later one; a race makes it twice, equal.
    private volatile Map<String, Object> map;

    /** {@code text} must be {@code tree} written as JSON; {@code toMap} makes the plain map of {@code tree}. */
    public StructuredJson(JsonNode tree, String text, Function<JsonNode, Map<String, Object>> toMap) {
        if (!tree.isObject()) {
            throw new IllegalArgumentException("structured content is a JSON object, not " + tree.getNodeType());
        }
        this.tree = tree;
        this.text = text;
        this.toMap = toMap;
    }

    /** The content as a JSON tree, to validate. */
    public JsonNode tree() {
        return tree;
    }

    /** The content as JSON text. */
    public String text() {
        return text;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        Map<String, Object> made = map;
        if (made == null) {
            made = Collections.unmodifiableMap(toMap.apply(tree));
            map = made;
        }
        return made.entrySet();
    }

    /**
     * Writes the content as the JSON text already made, instead of walking a map again; into a token buffer (a
     * conversion such as {@code valueToTree}, which cannot read raw text back) as the tree.
     */
    static final class Raw extends StdSerializer<StructuredJson> {

        Raw() {
            super(StructuredJson.class);
        }

        @Override
        public void serialize(StructuredJson value, JsonGenerator generator, SerializerProvider provider)
                throws IOException {
            if (generator instanceof TokenBuffer) {
                provider.defaultSerializeValue(value.tree, generator);
            } else {
                generator.writeRawValue(value.text);
            }
        }
    }
}
