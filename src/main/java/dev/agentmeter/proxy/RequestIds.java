package dev.agentmeter.proxy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * JSON-RPC ids as map keys: a number and a string of the same digits are different ids, so the key keeps the
 * kind. Ids of any other kind (null, objects) are not tracked.
 */
final class RequestIds {

    private RequestIds() {
    }

    /** The key of an id node, or {@code null} when it is missing or of no trackable kind. */
    static String key(JsonNode id) {
        if (id == null) {
            return null;
        }
        if (id.isTextual()) {
            return "s:" + id.asText();
        }
        if (id.isNumber()) {
            return "n:" + id.asText();
        }
        return null;
    }

    /** The key of the id value the parser stands on, or {@code null}. */
    static String key(JsonParser parser) throws java.io.IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            return "s:" + parser.getText();
        }
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return "n:" + parser.getText();
        }
        parser.skipChildren();
        return null;
    }
}
