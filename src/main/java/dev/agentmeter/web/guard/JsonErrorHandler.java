package dev.agentmeter.web.guard;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import dev.agentmeter.operations.Envelope;
import dev.agentmeter.operations.JsonCodec;

/**
 * Answers whatever Jetty answers by itself (a malformed URI or header, an ambiguous path, a request that
 * reached no servlet) with the error envelope instead of Jetty's HTML page. The message is chosen here from
 * the status alone: Jetty's own text can name classes and echo the request.
 *
 * <p>Thread-safe.
 */
public final class JsonErrorHandler extends ErrorHandler {

    private final JsonCodec json;

    public JsonErrorHandler(JsonCodec json) {
        this.json = json;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        if (request.getAttribute(ERROR_EXCEPTION) instanceof HttpException httpException) {
            status = httpException.getCode();
        }
        if (status < 400) {
            status = HttpStatus.INTERNAL_SERVER_ERROR_500;
        }
        response.setStatus(status);
        SecurityHeaders.applyTo((name, value) -> response.getHeaders().put(name, value));
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (HttpStatus.hasNoBody(status) || "HEAD".equals(request.getMethod())) {
            callback.succeeded();
            return true;
        }
        var envelope = new Envelope.Failure(EnvelopeStatus.codeFor(status), message(status));
        byte[] body = json.write(envelope).getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JsonResponses.CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    private static String message(int status) {
        return switch (status) {
            case 400 -> "the request is malformed (its URI, a header or the encoding of either)";
            case 401 -> "this server needs a token: send Authorization: Bearer <token>";
            case 404 -> "no such path";
            case 405 -> "this method is not allowed here";
            case 408 -> "the request took too long to arrive";
            case 413 -> "the request body is too large";
            case 414 -> "the request URI is too long";
            case 415 -> "this content type is not supported here";
            case 429 -> "too many requests from this address; retry shortly";
            case 431 -> "the request headers are too large";
            case 503 -> "the server is busy or stopping; try again shortly";
            default -> status < 500 ? "the request cannot be served (HTTP " + status + ")"
                    : ((Envelope.Failure) Envelope.internalError()).message();
        };
    }
}
