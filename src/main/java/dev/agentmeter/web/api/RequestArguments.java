package dev.agentmeter.web.api;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.agentmeter.operations.Checked;
import dev.agentmeter.operations.Envelope;
import dev.agentmeter.operations.ErrorCode;
import dev.agentmeter.operations.JsonCodec;
import dev.agentmeter.web.guard.Printable;

/**
 * Gathers an operation's arguments from a request: from the query string for a GET, from the JSON body
 * (and the query string) for a POST. What a transport can get wrong (a body too large, not JSON, of another
 * media type) is refused here; whether the arguments themselves are right is the operation's business.
 */
public final class RequestArguments {

    /** The arguments, or the error envelope that refuses the request. */
    public sealed interface Extracted permits Values, Document, Refused {
    }

    /** A JSON body taken whole (an object or an array), for an operation that reads either. */
    record Document(Object json) implements Extracted {
    }

    public record Values(Map<String, Object> values) implements Extracted {
    }

    public record Refused(Envelope.Failure failure) implements Extracted {
    }

    private final JsonCodec json;

    public RequestArguments(JsonCodec json) {
        this.json = json;
    }

    /** The query string's parameters. */
    public Extracted fromQuery(ApiExchange exchange) {
        Optional<String> query = exchange.rawQuery();
        if (query.isEmpty()) {
            return new Values(Map.of());
        }
        Checked<Map<String, Object>> parsed = QueryArguments.parse(query.get());
        if (parsed instanceof Checked.Invalid<Map<String, Object>> invalid) {
            return refused(ErrorCode.INVALID_ARGUMENT, invalid.message());
        }
        return new Values(((Checked.Valid<Map<String, Object>>) parsed).value());
    }

    /**
     * The JSON object in the body, with the query string's parameters beside it. An empty body is no
     * arguments at all, so {@code POST /api/reset} needs none and a simulation without one lacks its name.
     */
    public Extracted fromBody(ApiExchange exchange) {
        Extracted query = fromQuery(exchange);
        if (query instanceof Refused) {
            return query;
        }
        RequestBody body = exchange.readBody();
        Optional<Refused> problem = transportProblem(exchange, body);
        if (problem.isPresent()) {
            return problem.get();
        }
        var received = (RequestBody.Received) body;
        if (isBlank(received.bytes())) {
            return query;
        }
        Checked<Map<String, Object>> parsed = json.readObject(received.bytes());
        if (parsed instanceof Checked.Invalid<Map<String, Object>> invalid) {
            return refused(ErrorCode.INVALID_ARGUMENT, invalid.message());
        }
        return merged(((Values) query).values(), ((Checked.Valid<Map<String, Object>>) parsed).value());
    }

    /**
     * The body's JSON object or array, taken whole; such an operation takes no query parameters, and an
     * empty body is refused rather than read as no arguments.
     */
    Extracted documentFromBody(ApiExchange exchange) {
        if (exchange.rawQuery().filter(query -> !query.isEmpty()).isPresent()) {
            return refused(ErrorCode.INVALID_ARGUMENT, Printable.of(exchange.path())
                    + " takes no query parameters; send everything in the JSON body");
        }
        RequestBody body = exchange.readBody();
        Optional<Refused> problem = transportProblem(exchange, body);
        if (problem.isPresent()) {
            return problem.get();
        }
        byte[] bytes = ((RequestBody.Received) body).bytes();
        if (isBlank(bytes)) {
            return refused(ErrorCode.INVALID_ARGUMENT, "the request body is empty; expected a JSON object or array");
        }
        Checked<Object> parsed = json.readObjectOrArray(bytes);
        if (parsed instanceof Checked.Invalid<Object> invalid) {
            return refused(ErrorCode.INVALID_ARGUMENT, invalid.message());
        }
        return new Document(((Checked.Valid<Object>) parsed).value());
    }

    /** Why a body is refused before its JSON is read (too large, unreadable, of another media type), if it is. */
    private static Optional<Refused> transportProblem(ApiExchange exchange, RequestBody body) {
        if (body instanceof RequestBody.TooLarge tooLarge) {
            return Optional.of(refused(ErrorCode.PAYLOAD_TOO_LARGE, "the request body is larger than the limit of "
                    + tooLarge.limitBytes() + " bytes"));
        }
        if (!(body instanceof RequestBody.Received received)) {
            return Optional.of(refused(ErrorCode.INVALID_ARGUMENT, "the request body could not be read"));
        }
        if (isBlank(received.bytes())) {
            return Optional.empty();
        }
        Optional<String> mediaType = mediaTypeProblem(exchange.header("Content-Type"));
        if (mediaType.isEmpty() && isUtf16Or32(received.bytes())) {
            mediaType = Optional.of("the request body must be encoded in UTF-8");
        }
        return mediaType.map(message -> refused(ErrorCode.UNSUPPORTED_MEDIA_TYPE, message));
    }

    /**
     * Whether the body is in another Unicode encoding, which a JSON parser would guess and accept: a UTF-16
     * byte-order mark, or a NUL byte (every ASCII character has one in UTF-16 and UTF-32, and UTF-8 JSON has
     * none: a NUL inside a string must be escaped).
     */
    private static boolean isUtf16Or32(byte[] bytes) {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            return true;
        }
        for (byte b : bytes) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }

    private static Extracted merged(Map<String, Object> query, Map<String, Object> body) {
        var all = new LinkedHashMap<>(body);
        for (var parameter : query.entrySet()) {
            if (all.putIfAbsent(parameter.getKey(), parameter.getValue()) != null) {
                return refused(ErrorCode.INVALID_ARGUMENT, "argument '" + Printable.of(parameter.getKey())
                        + "' is given both in the query string and in the body");
            }
        }
        return new Values(all);
    }

    /** Why a body of this Content-Type is refused, if it is: JSON, in UTF-8 (JSON's only encoding), only. */
    private static Optional<String> mediaTypeProblem(Optional<String> contentType) {
        if (contentType.isEmpty()) {
            return Optional.of("a request body needs Content-Type: application/json");
        }
        String[] parts = contentType.get().split(";");
        if (!parts[0].strip().equalsIgnoreCase("application/json")) {
            return Optional.of("the request body must be application/json, not " + Printable.of(parts[0].strip()));
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter[0].strip().equalsIgnoreCase("charset") && parameter.length == 2) {
                String charset = parameter[1].strip().replace("\"", "").toLowerCase(Locale.ROOT);
                if (!charset.equals("utf-8") && !charset.equals("utf8")) {
                    return Optional.of("the request body must be encoded in UTF-8");
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static Refused refused(ErrorCode code, String message) {
        return new Refused(new Envelope.Failure(code, message));
    }
}
