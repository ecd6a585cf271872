package dev.agentmeter.proxy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the responses in a server-to-client line with a streaming parse that skips every value it does not need,
 * so a large tool result costs one pass and no tree. Requests and notifications from the server yield nothing, and
 * so do malformed lines. Thread-safe (stateless).
 */
final class ServerResponses {

    /**
     * One response.
     *
     * @param idKey        the request's id (see {@link RequestIds})
     * @param errorMessage the JSON-RPC error's message; {@code null} when it has no error
     * @param failed       a JSON-RPC error, or a result with {@code isError: true}
     * @param resultText   for a result with {@code isError: true}, its first text content; otherwise {@code null}
     * @param inputRequired a 2026-07-28 result with {@code resultType: "input_required"}: not an answer yet, the
     *                      client asks again with a new request
     */
    record Response(String idKey, String errorMessage, boolean failed, String resultText, boolean inputRequired) {
    }

    /** What the proxy reads of a result object. */
    private record ResultFields(boolean isError, boolean inputRequired) {
        static final ResultFields NONE = new ResultFields(false, false);
    }

    static final String INPUT_REQUIRED = "input_required";

    private final ObjectMapper json;

    ServerResponses(ObjectMapper json) {
        this.json = json;
    }

    List<Response> read(byte[] bytes, int offset, int length) {
        var responses = new ArrayList<Response>(1);
        try (JsonParser parser = json.getFactory().createParser(bytes, offset, length)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_OBJECT) {
                readMessage(parser, responses);
            } else if (first == JsonToken.START_ARRAY) {
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    readMessage(parser, responses);
                }
            }
        } catch (IOException e) {
            return responses;
        }
        return resolveResultTexts(responses, bytes, offset, length);
    }

    private static void readMessage(JsonParser parser, List<Response> responses) throws IOException {
        String idKey = null;
        String errorMessage = null;
        boolean hasError = false;
        ResultFields result = ResultFields.NONE;
        boolean hasMethod = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "id" -> idKey = RequestIds.key(parser);
                case "method" -> hasMethod = true;
                case "error" -> {
                    hasError = true;
                    errorMessage = readErrorMessage(parser);
                }
                case "result" -> result = readResult(parser);
                default -> parser.skipChildren();
            }
        }
        if (idKey != null && !hasMethod) {
            responses.add(new Response(idKey, hasError ? messageOrUnknown(errorMessage) : null,
                    hasError || result.isError(), null, !hasError && result.inputRequired()));
        }
    }

    private static String readErrorMessage(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return null;
        }
        String message = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("message") && value == JsonToken.VALUE_STRING) {
                message = parser.getText();
            } else {
                parser.skipChildren();
            }
        }
        return message;
    }

    private static ResultFields readResult(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return ResultFields.NONE;
        }
        boolean isError = false;
        boolean inputRequired = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("isError")) {
                isError = value == JsonToken.VALUE_TRUE;
            } else if (field.equals("resultType")) {
                inputRequired = value == JsonToken.VALUE_STRING && INPUT_REQUIRED.equals(parser.getText());
            } else {
                parser.skipChildren();
            }
        }
        return new ResultFields(isError, inputRequired);
    }

    /** Only a failed result needs its text: a second, rare pass finds it. */
    private List<Response> resolveResultTexts(List<Response> responses, byte[] bytes, int offset, int length) {
        if (responses.stream().noneMatch(response -> response.failed() && response.errorMessage() == null)) {
            return responses;
        }
        JsonNode root;
        try {
            root = json.readTree(bytes, offset, length);
        } catch (IOException e) {
            return responses;
        }
        var resolved = new ArrayList<Response>(responses.size());
        for (Response response : responses) {
            if (response.failed() && response.errorMessage() == null) {
                resolved.add(new Response(response.idKey(), null, true, firstText(root, response.idKey()), false));
            } else {
                resolved.add(response);
            }
        }
        return resolved;
    }

    private static String firstText(JsonNode root, String idKey) {
        Iterable<JsonNode> messages = root.isArray() ? root : List.of(root);
        for (JsonNode message : messages) {
            if (idKey.equals(RequestIds.key(message.get("id")))) {
                for (JsonNode content : message.path("result").path("content")) {
                    if ("text".equals(content.path("type").asText()) && content.path("text").isTextual()) {
                        return content.path("text").asText();
                    }
                }
            }
        }
        return null;
    }

    private static String messageOrUnknown(String message) {
        return message == null ? "error without a message" : message;
    }
}
