package dev.agentmeter.web.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agentmeter.operations.Envelope;
import dev.agentmeter.operations.ErrorCode;
import dev.agentmeter.operations.JsonCodec;
import dev.agentmeter.web.guard.EnvelopeStatus;
import dev.agentmeter.web.guard.Printable;

/**
 * Answers an exchange with an envelope and the HTTP status that goes with it. An operation that failed with
 * an exception (a bug) is logged here, once, and answered with the {@code internal_error} envelope.
 *
 * <p>Thread-safe.
 */
public final class EnvelopeResponder {

    private static final Logger log = LoggerFactory.getLogger(EnvelopeResponder.class);
    private static final String RETRY_AFTER_SECONDS = "1";

    private final JsonCodec json;

    public EnvelopeResponder(JsonCodec json) {
        this.json = json;
    }

    public void send(ApiExchange exchange, Envelope envelope) {
        send(exchange, envelope, Map.of());
    }

    public void send(ApiExchange exchange, Envelope envelope, Map<String, String> headers) {
        String body;
        try {
            body = json.write(envelope);
        } catch (RuntimeException e) {
            log.error("Could not write the answer to {} {} as JSON", exchange.method(), Printable.of(exchange.path()), e);
            envelope = Envelope.internalError();
            body = json.write(envelope);
        }
        int status = EnvelopeStatus.of(envelope);
        if (status == 503) {
            // "Unavailable" here means "busy right now": say when a retry makes sense.
            var withRetry = new LinkedHashMap<>(headers);
            withRetry.put("Retry-After", RETRY_AFTER_SECONDS);
            headers = withRetry;
        }
        exchange.respond(status, headers, body);
    }

    /** Answers for an operation that completed exceptionally. */
    void sendFailure(ApiExchange exchange, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof RejectedExecutionException) {
            send(exchange, new Envelope.Failure(ErrorCode.UNAVAILABLE, "the server is stopping"));
            return;
        }
        log.error("{} {} failed unexpectedly", exchange.method(), Printable.of(exchange.path()), cause);
        send(exchange, Envelope.internalError());
    }
}
