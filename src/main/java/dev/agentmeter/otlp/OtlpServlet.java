package dev.agentmeter.otlp;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/traces}, {@code /v1/logs}, {@code /v1/metrics}: OTLP/HTTP. Thin: it reads the body
 * ({@link BodyReader}), decodes it ({@link RequestDecoder}), hands it to its signal's {@link SignalIngest}, and
 * writes the answer ({@link OtlpAnswer}, {@link AnswerWriter}). Every refusal is a {@code google.rpc.Status}
 * in the request's encoding, never a stack trace.
 *
 * <p>Thread-safe.
 */
final class OtlpServlet extends HttpServlet {

    private static final Logger log = LoggerFactory.getLogger(OtlpServlet.class);

    private final transient BodyReader bodies;
    private final transient RequestDecoder decoder;
    private final transient Map<Signal, SignalIngest> ingests;
    private final transient AnswerWriter answers;

    OtlpServlet(BodyReader bodies, RequestDecoder decoder, Map<Signal, SignalIngest> ingests, AnswerWriter answers) {
        this.bodies = bodies;
        this.decoder = decoder;
        this.ingests = Map.copyOf(ingests);
        this.answers = answers;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Signal signal = Signal.atPath(request.getServletPath() + Optional.ofNullable(request.getPathInfo()).orElse(""));
        Optional<Encoding> encoding = Encoding.of(request.getContentType());
        Encoding answerIn = encoding.orElse(Encoding.JSON);
        if (signal == null) {
            refuse(response, 404, RpcStatus.UNIMPLEMENTED, "no OTLP signal here: POST to /v1/traces, /v1/logs or "
                    + "/v1/metrics", answerIn, Map.of());
        } else if (!"POST".equals(request.getMethod())) {
            refuse(response, 405, RpcStatus.UNIMPLEMENTED, "OTLP/HTTP takes POST only", answerIn,
                    Map.of("Allow", "POST"));
        } else if (encoding.isEmpty()) {
            refuse(response, 415, RpcStatus.INVALID_ARGUMENT, "Content-Type must be application/x-protobuf or "
                    + "application/json", answerIn, Map.of());
        } else {
            export(request, response, signal, encoding.get());
        }
    }

    private void export(HttpServletRequest request, HttpServletResponse response, Signal signal, Encoding encoding)
            throws IOException {
        Body body = bodies.read(request.getInputStream(), request.getHeader("Content-Encoding"),
                request.getContentLengthLong());
        if (body instanceof Body.TooLarge tooLarge) {
            refuse(response, 413, RpcStatus.INVALID_ARGUMENT, "the request body is larger than the limit of "
                    + tooLarge.limitBytes() + " bytes (counted after gzip is undone); send smaller batches", encoding,
                    Map.of());
        } else if (body instanceof Body.UnsupportedEncoding) {
            // The header's value is not quoted back: it is the client's text.
            refuse(response, 415, RpcStatus.INVALID_ARGUMENT, "Content-Encoding must be gzip or identity",
                    encoding, Map.of());
        } else if (body instanceof Body.Unreadable unreadable) {
            refuse(response, 400, RpcStatus.INVALID_ARGUMENT, unreadable.reason(), encoding, Map.of());
        } else {
            byte[] bytes = ((Body.Received) body).bytes();
            Decoded decoded = decoder.decode(signal, encoding, bytes);
            if (decoded instanceof Decoded.Undecodable undecodable) {
                AnswerWriter.writeNow(response, OtlpAnswer.failure(400, RpcStatus.INVALID_ARGUMENT,
                        undecodable.reason(), encoding, Map.of()), false);
                return;
            }
            answers.writeWhenDone(request, response, ingest(signal, ((Decoded.Request) decoded), encoding), encoding);
        }
    }

    private CompletableFuture<OtlpAnswer> ingest(Signal signal, Decoded.Request decoded, Encoding encoding) {
        CompletableFuture<Outcome> outcome;
        try {
            outcome = ingests.get(signal).ingest(decoded.message());
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        return outcome.handle((done, failure) -> {
            if (failure != null) {
                log.error("Unexpected failure recording an OTLP {} request", signal.label(), failure);
                return OtlpAnswer.failure(500, RpcStatus.INTERNAL, "internal error; the server log has the details",
                        encoding, Map.of());
            }
            if (done instanceof Outcome.Refused refused) {
                return OtlpAnswer.failure(refused.httpStatus(), refused.rpcCode(), refused.message(), encoding,
                        refused.retryAfterSeconds() > 0
                                ? Map.of("Retry-After", Long.toString(refused.retryAfterSeconds())) : Map.of());
            }
            var accepted = (Outcome.Accepted) done;
            return OtlpAnswer.accepted(signal, encoding, accepted.rejected(), accepted.errorMessage());
        });
    }

    /** A refusal before or while reading: whatever is left of the body stays unread, so the connection closes. */
    private static void refuse(HttpServletResponse response, int status, int rpcCode, String message,
                               Encoding encoding, Map<String, String> headers) {
        AnswerWriter.writeNow(response, OtlpAnswer.failure(status, rpcCode, message, encoding, headers), true);
    }
}
