package dev.agentmeter.mcp;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads the outcome of a JSON-RPC answer from its text, for the transports that only see the text the SDK wrote
 * (Streamable HTTP) or an answer of our own: the error code, {@code isError} of a tool result, and the version an
 * {@code initialize} answer settled on. A streaming parse that skips every value it does not need, so a large
 * result costs one pass and no tree. Thread-safe (stateless).
 */
public final class AnswerText {

    /** {@code error.type} when an error carries no usable code: the conventions' fallback. */
    public static final String OTHER_ERROR = "_OTHER";

    private static final JsonFactory JSON = new JsonFactory();

    /** What an answer says: {@code errorType} as {@link McpOperationObserver} wants it, and a negotiated version. */
    public record Answer(String errorType, String negotiatedVersion) {
    }

    private AnswerText() {
    }

    /** The answer {@code text} holds, or {@code null} when it is no JSON-RPC answer (a request, a notification). */
    public static Answer read(String text) {
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            boolean hasId = false;
            boolean hasMethod = false;
            Answer answer = new Answer(null, null);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "id" -> hasId = parser.currentToken() != JsonToken.VALUE_NULL;
                    case "method" -> hasMethod = true;
                    case "error" -> answer = new Answer(readErrorType(parser), null);
                    case "result" -> answer = readResult(parser);
                    default -> { }
                }
                parser.skipChildren();
            }
            return hasId && !hasMethod ? answer : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** A JSON-RPC error code as {@code error.type}: its number as text. */
    static String errorType(Integer code) {
        return code == null ? OTHER_ERROR : code.toString();
    }

    private static String readErrorType(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            return OTHER_ERROR;
        }
        String type = OTHER_ERROR;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("code") && value == JsonToken.VALUE_NUMBER_INT) {
                type = parser.getText();
            }
            parser.skipChildren();
        }
        return type;
    }

    private static Answer readResult(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            return new Answer(null, null);
        }
        boolean toolError = false;
        String version = null;
        boolean serverInfo = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "isError" -> toolError = value == JsonToken.VALUE_TRUE;
                case "protocolVersion" -> version = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "serverInfo" -> serverInfo = true;
                default -> { }
            }
            parser.skipChildren();
        }
        return new Answer(toolError ? McpOperationObserver.TOOL_ERROR : null, serverInfo ? version : null);
    }
}
