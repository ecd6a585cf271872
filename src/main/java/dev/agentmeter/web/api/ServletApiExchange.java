package dev.agentmeter.web.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agentmeter.operations.Envelope;
import dev.agentmeter.operations.ErrorCode;
import dev.agentmeter.operations.JsonCodec;
import dev.agentmeter.web.events.EventSink;
import dev.agentmeter.web.events.ServletEventSink;
import dev.agentmeter.web.guard.BodyTooLargeException;
import dev.agentmeter.web.guard.JsonResponses;
import dev.agentmeter.web.guard.Printable;

/**
 * {@link ApiExchange} over an async servlet request. An answer given on the request's own thread is
 * written there; one given later from elsewhere (a simulation finishing on the timer thread) is handed to a
 * container thread, so the caller never blocks on the network.
 *
 * <p>Thread-safe for {@link #respond}; the reading methods belong to the request's thread.
 */
final class ServletApiExchange implements ApiExchange {

    private static final Logger log = LoggerFactory.getLogger(ServletApiExchange.class);

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final AsyncContext async;
    private final JsonCodec json;
    // Set once by whichever answers first: the endpoint, the event stream or the async timeout.
    private final AtomicBoolean answered = new AtomicBoolean();
    // The thread inside the servlet's service method while it runs; null afterwards.
    private volatile Thread serviceThread;
    // Set by the reading thread when a body was left unread; read by the answering thread.
    private volatile boolean bodyLeftUnread;

    ServletApiExchange(HttpServletRequest request, HttpServletResponse response, JsonCodec json, long timeoutMillis) {
        this.request = request;
        this.response = response;
        this.json = json;
        this.serviceThread = Thread.currentThread();
        this.async = request.startAsync();
        async.setTimeout(timeoutMillis);
        async.addListener(new TimeoutAnswer());
    }

    /** Called when the service method returns: later answers come from other threads. */
    void leaveServiceThread() {
        serviceThread = null;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String path() {
        String pathInfo = request.getPathInfo();
        return request.getServletPath() + (pathInfo == null ? "" : pathInfo);
    }

    @Override
    public Optional<String> rawQuery() {
        return Optional.ofNullable(request.getQueryString());
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(request.getHeader(name));
    }

    @Override
    public String remoteAddress() {
        return request.getRemoteAddr();
    }

    @Override
    public RequestBody readBody() {
        try {
            return new RequestBody.Received(request.getInputStream().readAllBytes());
        } catch (BodyTooLargeException e) {
            bodyLeftUnread = true;
            return new RequestBody.TooLarge(e.limitBytes());
        } catch (IOException e) {
            log.debug("Could not read the body of {} {}: {}", method(), Printable.of(path()), e.toString());
            return new RequestBody.Unreadable();
        }
    }

    @Override
    public void respond(int status, Map<String, String> headers, String jsonText) {
        if (!answered.compareAndSet(false, true)) {
            return;
        }
        byte[] body = jsonText.getBytes(StandardCharsets.UTF_8);
        if (Thread.currentThread() == serviceThread) {
            write(status, headers, body);
        } else {
            try {
                async.start(() -> write(status, headers, body));
            } catch (IllegalStateException e) {
                // The request already ended (the client left, or the server is stopping): no one to answer.
                log.debug("An answer came after its request ended: {}", e.toString());
            }
        }
    }

    @Override
    public EventSink openEventStream() {
        if (!answered.compareAndSet(false, true)) {
            throw new IllegalStateException("this exchange was already answered");
        }
        async.setTimeout(0);
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setHeader("Cache-Control", "no-cache");
        // Tells nginx and friends not to buffer the stream.
        response.setHeader("X-Accel-Buffering", "no");
        try {
            return new ServletEventSink(async, response.getOutputStream());
        } catch (IOException e) {
            throw new IllegalStateException("the response has no output stream", e);
        }
    }

    private void write(int status, Map<String, String> headers, byte[] body) {
        try {
            if (bodyLeftUnread) {
                // The rest of the body is still on the wire: this connection cannot carry another request.
                response.setHeader("Connection", "close");
            }
            JsonResponses.write(response, status, headers, body, !"HEAD".equals(request.getMethod()));
        } catch (IOException e) {
            log.debug("Could not answer {} {}: {}", method(), Printable.of(path()), e.toString());
        } finally {
            async.complete();
        }
    }

    /** Answers a request that took longer than its timeout (a stuck operation) with 503. */
    private final class TimeoutAnswer implements AsyncListener {
        @Override
        public void onTimeout(AsyncEvent event) {
            if (answered.compareAndSet(false, true)) {
                var envelope = new Envelope.Failure(ErrorCode.UNAVAILABLE, "the operation did not finish in time");
                write(503, Map.of(), json.write(envelope).getBytes(StandardCharsets.UTF_8));
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            // Nothing to tidy.
        }

        @Override
        public void onError(AsyncEvent event) {
            // The client left; whoever answers later finds the response closed.
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // Not restarted.
        }
    }
}
