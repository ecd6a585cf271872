package dev.agentmeter.otlp;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;

/**
 * Decodes a body as its signal's export request with the published bindings: binary protobuf with the
 * generated {@code parseFrom}, OTLP JSON with protobuf's own JSON mapping ({@code JsonFormat}, unknown fields
 * ignored as OTLP requires) once {@link HexIds} has turned the hex ids into the base64 it expects.
 *
 * <p>Thread-safe.
 */
final class RequestDecoder {

    /** Deeper JSON is refused: OTLP nests about 15 levels, attribute values a few more. */
    static final int MAX_JSON_NESTING = 64;

    private final ObjectMapper mapper = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_JSON_NESTING).build())
            .build()).build();
    private final JsonFormat.Parser json = JsonFormat.parser().ignoringUnknownFields();

    Decoded decode(Signal signal, Encoding encoding, byte[] body) {
        return encoding == Encoding.PROTOBUF ? protobuf(signal, body) : json(signal, body);
    }

    private static Decoded protobuf(Signal signal, byte[] body) {
        try {
            return new Decoded.Request(signal.parse(body));
        } catch (InvalidProtocolBufferException e) {
            return new Decoded.Undecodable("the body is not a binary protobuf OTLP " + signal.label()
                    + " export request: " + readable(e.getMessage()));
        }
    }

    private Decoded json(Signal signal, byte[] body) {
        JsonNode tree;
        try {
            tree = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            return new Decoded.Undecodable("the body is not valid JSON: " + readable(e.getOriginalMessage()));
        } catch (IOException e) {
            return new Decoded.Undecodable("the body is not valid JSON");
        }
        if (tree == null || !tree.isObject()) {
            return new Decoded.Undecodable("the body must be a JSON object (an OTLP " + signal.label()
                    + " export request)");
        }
        Optional<String> badId = HexIds.rewrite(tree);
        if (badId.isPresent()) {
            return new Decoded.Undecodable("the body is not valid OTLP JSON: " + badId.get());
        }
        Message.Builder request = signal.newRequest();
        try {
            json.merge(tree.toString(), request);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            // JsonFormat reports some malformed values (a number out of range) as unchecked exceptions.
            return new Decoded.Undecodable("the body is not a valid OTLP JSON " + signal.label()
                    + " export request: " + readable(e.getMessage()));
        }
        return new Decoded.Request(request.build());
    }

    /** A parser's message, first line only, and without the names of classes it may quote. */
    static String readable(String message) {
        if (message == null || message.isBlank()) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse("").strip();
        int internals = line.indexOf("java.");
        if (internals < 0) {
            internals = line.indexOf("com.google.");
        }
        line = internals >= 0 ? line.substring(0, internals).strip() : line;
        if (line.length() > 300) {
            line = line.substring(0, 300) + "...";
        }
        return line.isEmpty() ? "unreadable" : line;
    }
}
