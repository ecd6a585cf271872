package dev.agentmeter.otlp;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an {@link OtlpAnswer}: at once, or, when the answer waits for storage to make the tasks durable,
 * later from a container thread (the storage thread that completes the future never writes to the network).
 * An answer that does not come within the timeout is a 503 with {@code Retry-After}: the tasks may still be
 * recorded, and OTLP accepts that a retried request records its items twice.
 *
 * <p>Thread-safe.
 */
final class AnswerWriter {

    private static final Logger log = LoggerFactory.getLogger(AnswerWriter.class);

    private final Duration timeout;

    AnswerWriter(Duration timeout) {
        this.timeout = timeout;
    }

    /** Writes {@code answer} now; {@code closeConnection} when part of the body was left unread. */
    static void writeNow(HttpServletResponse response, OtlpAnswer answer, boolean closeConnection) {
        try {
            response.setStatus(answer.status());
            response.setHeader("Content-Type", answer.contentType());
            response.setHeader("Cache-Control", "no-store");
            answer.headers().forEach(response::setHeader);
            if (closeConnection) {
                response.setHeader("Connection", "close");
            }
            response.setContentLength(answer.body().length);
            response.getOutputStream().write(answer.body());
        } catch (IOException e) {
            log.debug("Could not answer an OTLP request: {}", e.toString());
        }
    }

    /** Writes the answer {@code pending} completes with, now if it already has, else when it does. */
    void writeWhenDone(HttpServletRequest request, HttpServletResponse response,
                       CompletableFuture<OtlpAnswer> pending, Encoding encoding) {
        if (pending.isDone()) {
            writeNow(response, pending.join(), false);
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(timeout.toMillis());
        var answered = new AtomicBoolean();
        async.addListener(new TimeoutAnswer(async, answered, encoding));
        pending.thenAccept(answer -> {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            try {
                async.start(() -> {
                    writeNow((HttpServletResponse) async.getResponse(), answer, false);
                    async.complete();
                });
            } catch (IllegalStateException e) {
                // The request already ended (the client left, or the server is stopping): no one to answer.
                log.debug("An OTLP answer came after its request ended: {}", e.toString());
            }
        });
    }

    /** Answers 503 when storage has not confirmed within the timeout. */
    private static final class TimeoutAnswer implements AsyncListener {
        private final AsyncContext async;
        private final AtomicBoolean answered;
        private final Encoding encoding;

        TimeoutAnswer(AsyncContext async, AtomicBoolean answered, Encoding encoding) {
            this.async = async;
            this.answered = answered;
            this.encoding = encoding;
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            if (answered.compareAndSet(false, true)) {
                writeNow((HttpServletResponse) async.getResponse(), OtlpAnswer.failure(503, RpcStatus.UNAVAILABLE,
                        "storage did not confirm the tasks in time; retry later", encoding,
                        Map.of("Retry-After", Long.toString(Refusals.RETRY_AFTER_SECONDS))), false);
                async.complete();
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            // Nothing to tidy.
        }

        @Override
        public void onError(AsyncEvent event) {
            // The client left; the answer, if it comes, finds the request ended.
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // Not restarted.
        }
    }
}
