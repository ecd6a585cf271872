package dev.agentmeter.mcp.stateless;

import java.util.ArrayList;
import java.util.List;

import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;

/**
 * 2026-07-28 messages on stdio, beside the 2025-11-25 session of the same process: each request is answered on its
 * own (its log messages first, then its answer); {@code subscriptions/listen} registers a stream whose
 * notifications carry its id, until the client sends {@code notifications/cancelled} for it or stdin ends; other
 * notifications are dropped, as nothing else here acts on them.
 *
 * <p>Thread-safe.
 */
public final class StatelessStdio {

    /** stdout as the transport offers it: bounded, in order. */
    public interface StdioLines {
        /** A request is in flight: waits while too many are (the transport's back-pressure). */
        void reserve();

        /** The lines of a reserved request, in order; its reservation is freed once they are out. */
        void answer(List<String> lines);

        /** A notification of ours, dropped when stdout is not being read. */
        void notification(String json);
    }

    private final StatelessDispatcher dispatcher;
    private final ListenStreams streams;
    private final StdioLines lines;

    StatelessStdio(StatelessDispatcher dispatcher, ListenStreams streams, StdioLines lines) {
        this.dispatcher = dispatcher;
        this.streams = streams;
        this.lines = lines;
    }

    /** Whether {@code message} is for this front end: it is written in 2026-07-28, or cancels one of its streams. */
    public static boolean claims(JSONRPCMessage message) {
        return Eras.isModern(message, null)
                || message instanceof JSONRPCNotification notification && Eras.cancelledId(notification) != null;
    }

    /** Serves {@code message}, one that {@link #claims} says is ours; called by the stdin reader. */
    public void accept(JSONRPCMessage message) {
        if (message instanceof JSONRPCNotification notification) {
            Object cancelled = Eras.cancelledId(notification);
            if (cancelled != null) {
                streams.cancel(cancelled);
            }
            return;
        }
        if (!(message instanceof JSONRPCRequest request)) {
            return;
        }
        lines.reserve();
        if (ModernProtocol.LISTEN.equals(request.method())) {
            listen(request);
            return;
        }
        dispatcher.dispatch(request.method(), request.params(), StatelessDispatcher.TransportRules.NONE)
                .thenAccept(reply -> {
                    var out = new ArrayList<String>();
                    reply.logs().forEach(params -> out.add(WireFormat.notification(ModernProtocol.LOG_MESSAGE, params)));
                    out.add(WireFormat.response(request.id(), reply.answer()));
                    lines.answer(out);
                });
    }

    private void listen(JSONRPCRequest request) {
        var checked = dispatcher.check(request.method(), request.params(), StatelessDispatcher.TransportRules.NONE);
        if (checked instanceof StatelessDispatcher.Checked.Refused refused) {
            lines.answer(List.of(WireFormat.response(request.id(), refused.error())));
            return;
        }
        var opened = streams.open(request.id(), ((StatelessDispatcher.Checked.Valid) checked).params(),
                new ListenStreams.Sink() {
                    @Override
                    public boolean send(String json) {
                        lines.notification(json);
                        return true;
                    }

                    @Override
                    public void close(String finalJson) {
                        lines.notification(finalJson);
                    }
                });
        if (opened instanceof ListenStreams.Refused refused) {
            lines.answer(List.of(WireFormat.response(request.id(), refused.error())));
        } else {
            // The acknowledgment is the stream's first line; the listen request itself stays unanswered until the
            // stream ends, as on HTTP, so its reservation is freed with this line.
            lines.answer(List.of(((ListenStreams.Listening) opened).acknowledgment()));
        }
    }
}
