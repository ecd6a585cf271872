package dev.agentmeter.web.guard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import dev.agentmeter.operations.Envelope;
import dev.agentmeter.operations.JsonCodec;

/** Writes a JSON answer to a servlet response, with the headers every JSON answer carries. */
public final class JsonResponses {

    static final String CONTENT_TYPE = "application/json; charset=utf-8";

    private JsonResponses() {
    }

    /** Writes {@code body} with {@code status}; the body is left out when {@code withBody} is false (HEAD). */
    public static void write(HttpServletResponse response, int status, Map<String, String> headers, byte[] body,
                      boolean withBody) throws IOException {
        response.setStatus(status);
        response.setHeader("Content-Type", CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        headers.forEach(response::setHeader);
        response.setContentLength(body.length);
        if (withBody) {
            response.getOutputStream().write(body);
        }
    }

    /** Writes an error envelope with its status, replacing whatever the response held. */
    public static void writeFailure(HttpServletResponse response, Envelope.Failure failure, Map<String, String> headers,
                             JsonCodec json, boolean withBody) throws IOException {
        response.resetBuffer();
        write(response, EnvelopeStatus.of(failure), headers, json.write(failure).getBytes(StandardCharsets.UTF_8),
                withBody);
    }
}
