package dev.agentmeter.mcp.stateless;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;

/**
 * A 2026-07-28 message POSTed to {@code /mcp} (already read and checked as JSON-RPC by the endpoint): a request is
 * answered on its own, as JSON, or as a short event stream when it caused log messages the client asked for; a
 * notification gets 202 (cancellation over HTTP is closing the stream). {@code subscriptions/listen} opens a
 * long-lived event stream, admitted like a session by the endpoint's caps and counted until it ends. An
 * {@code Mcp-Session-Id} header is ignored, as the specification says: no session is minted, echoed or touched.
 *
 * <p>Thread-safe. A request holds its thread until it is answered, as the SDK's requests do (the endpoint's
 * in-flight cap counts it); a listen stream does not.
 */
public final class StatelessHttp {

    /** Writes a JSON answer with an HTTP status (the endpoint's own error-body guard does the writing). */
    @FunctionalInterface
    public interface JsonAnswer {
        void answer(int status, String json);
    }

    /**
     * Admits a long-lived stream against the session caps: the release to run when it ends, or empty when refused
     * (having answered the refusal on {@code response}).
     */
    @FunctionalInterface
    public interface StreamAdmission {
        Optional<Runnable> admit(HttpServletRequest request, HttpServletResponse response);
    }

    private static final Logger log = LoggerFactory.getLogger(StatelessHttp.class);
    private static final long ANSWER_TIMEOUT_SECONDS = 30;

    private final StatelessDispatcher dispatcher;
    private final ListenStreams streams;
    private final StreamAdmission admission;

    StatelessHttp(StatelessDispatcher dispatcher, ListenStreams streams, StreamAdmission admission) {
        this.dispatcher = dispatcher;
        this.streams = streams;
        this.admission = admission;
    }

    /** Whether this message, with this request's headers, is for the 2026-07-28 front end. */
    public static boolean claims(JSONRPCMessage message, HttpServletRequest request) {
        return Eras.isModern(message, request.getHeader(HttpHeaderRules.PROTOCOL_VERSION));
    }

    /** Serves {@code message}. */
    public void serve(JSONRPCMessage message, HttpServletRequest request, HttpServletResponse response,
                      JsonAnswer json) throws IOException {
        if (message instanceof JSONRPCNotification) {
            response.setStatus(HttpServletResponse.SC_ACCEPTED);
            return;
        }
        var call = (JSONRPCRequest) message;
        var rules = new HttpHeaderRules(request);
        if (ModernProtocol.LISTEN.equals(call.method())) {
            listen(call, request, response, json, rules);
            return;
        }
        Reply reply = await(dispatcher.dispatch(call.method(), call.params(), rules));
        if (reply.logs().isEmpty()) {
            int status = reply.answer() instanceof Answer.Error error ? error.httpStatus() : HttpServletResponse.SC_OK;
            json.answer(status, WireFormat.response(call.id(), reply.answer()));
            return;
        }
        var events = new ArrayList<String>();
        reply.logs().forEach(params -> events.add(WireFormat.notification(ModernProtocol.LOG_MESSAGE, params)));
        events.add(WireFormat.response(call.id(), reply.answer()));
        ServletOutputStream out = startEventStream(response);
        for (String event : events) {
            out.write(event(event));
        }
        out.flush();
    }

    private void listen(JSONRPCRequest call, HttpServletRequest request, HttpServletResponse response,
                        JsonAnswer json, HttpHeaderRules rules) throws IOException {
        var checked = dispatcher.check(call.method(), call.params(), rules);
        if (checked instanceof StatelessDispatcher.Checked.Refused refused) {
            json.answer(refused.error().httpStatus(), WireFormat.response(call.id(), refused.error()));
            return;
        }
        Optional<Runnable> release = admission.admit(request, response);
        if (release.isEmpty()) {
            return; // the admission answered 503 already
        }
        var sink = new EventSink(release.get());
        var opened = streams.open(call.id(), ((StatelessDispatcher.Checked.Valid) checked).params(), sink);
        if (opened instanceof ListenStreams.Refused refused) {
            release.get().run();
            json.answer(refused.error().httpStatus(), WireFormat.response(call.id(), refused.error()));
            return;
        }
        var listening = (ListenStreams.Listening) opened;
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        sink.start(async, startEventStream(response), listening.stream());
        if (!sink.send(listening.acknowledgment())) {
            streams.close(listening.stream());
        }
    }

    private static ServletOutputStream startEventStream(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Accel-Buffering", "no");
        return response.getOutputStream();
    }

    private static byte[] event(String json) {
        return ("event: message\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private static Reply await(CompletableFuture<Reply> reply) {
        try {
            return reply.get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reply.of(internal());
        } catch (ExecutionException | TimeoutException e) {
            log.error("An MCP 2026-07-28 request was not answered", e);
            return Reply.of(internal());
        }
    }

    private static Answer.Error internal() {
        return new Answer.Error(ModernProtocol.INTERNAL_ERROR, "internal error; the server log has the details",
                null, HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
    }

    /**
     * One listen stream's event stream. Written by the notifying thread (updates, keep-alives) and once by the
     * request thread (the acknowledgment); writes are serialised on the sink. Ends once: when a write fails, the
     * client goes, or the server closes it; then its place under the session caps is given back.
     */
    private final class EventSink implements ListenStreams.Sink, AsyncListener {
        private final Runnable release;
        // Set once by the request thread before any write; guarded by this afterwards.
        private AsyncContext async;
        private ServletOutputStream out;
        private ListenStreams.Stream stream;
        private boolean ended;

        EventSink(Runnable release) {
            this.release = release;
        }

        synchronized void start(AsyncContext context, ServletOutputStream output, ListenStreams.Stream opened) {
            this.async = context;
            this.out = output;
            this.stream = opened;
            context.addListener(this);
        }

        @Override
        public synchronized boolean send(String json) {
            return write(event(json));
        }

        @Override
        public synchronized boolean keepAlive() {
            return write(":\n\n".getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public synchronized void close(String finalJson) {
            if (write(event(finalJson))) {
                end();
            }
        }

        private boolean write(byte[] bytes) {
            if (ended) {
                return false;
            }
            try {
                out.write(bytes);
                out.flush();
                return true;
            } catch (IOException | RuntimeException e) {
                log.debug("A subscriptions/listen stream ended: {}", e.toString());
                end();
                return false;
            }
        }

        private void end() {
            if (ended) {
                return;
            }
            ended = true;
            streams.close(stream);
            release.run();
            try {
                async.complete();
            } catch (IllegalStateException e) {
                log.debug("A subscriptions/listen stream was complete already");
            }
        }

        @Override
        public synchronized void onComplete(AsyncEvent event) {
            if (!ended) {
                ended = true;
                streams.close(stream);
                release.run();
            }
        }

        @Override
        public synchronized void onError(AsyncEvent event) {
            end();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }
}
