package dev.agentmeter.mcp.stateless;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The open {@code subscriptions/listen} streams of one transport, and what each listens to: the resource URIs it
 * named that exist here (at most {@value #MAX_URIS}, each at most {@value #MAX_URI_LENGTH} characters). List-change
 * types are never honoured, because our lists never change. {@link #publish} runs on the notifying thread with the
 * URIs changed in the last tick (coalesced by {@code ResourceUpdates} as for 2025-11-25 subscribers, so each stream
 * hears at most four updates a second), and sends each stream the ones it listens to.
 *
 * <p>Bounded: at most {@code maxStreams} streams at once (HTTP also counts each against the session caps).
 *
 * <p>Thread-safe: streams are added and removed by request threads, read by the notifying thread.
 */
public final class ListenStreams {

    static final int MAX_URIS = 100;
    static final int MAX_URI_LENGTH = 2048;

    /** Where a stream's messages go; {@link #send} is false once the stream is gone. */
    public interface Sink {
        boolean send(String json);

        /** Tells an idle stream's client (and anything in between) it is still open; false once it is gone. */
        default boolean keepAlive() {
            return true;
        }

        /** Ends the stream after sending {@code finalJson}, the graceful-closure response. */
        void close(String finalJson);
    }

    /** What opening a stream gave: its acknowledgment to send first, or the refusal. */
    public sealed interface Opened permits Listening, Refused {
    }

    /** Listening: send {@code acknowledgment} first; {@link #close} the {@code stream} when it ends. */
    public record Listening(Stream stream, String acknowledgment) implements Opened {
    }

    public record Refused(Answer.Error error) implements Opened {
    }

    /** One open stream. */
    public static final class Stream {
        private final Object id;
        private final Set<String> uris;
        private final Sink sink;

        private Stream(Object id, Set<String> uris, Sink sink) {
            this.id = id;
            this.uris = uris;
            this.sink = sink;
        }

        Object id() {
            return id;
        }
    }

    private final int maxStreams;
    private final Predicate<String> exists;
    // Added to and removed from by request threads, read by the notifying thread.
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();

    ListenStreams(int maxStreams, Predicate<String> exists) {
        this.maxStreams = maxStreams;
        this.exists = exists;
    }

    /** Opens the stream of the listen request {@code id} with {@code params} (checked by the dispatcher). */
    public synchronized Opened open(Object id, Map<String, Object> params, Sink sink) {
        if (!(params.get("notifications") instanceof Map<?, ?> filter)) {
            return new Refused(Answer.invalidParams("Invalid params: subscriptions/listen takes params "
                    + "{\"notifications\": {\"resourceSubscriptions\"?: [uri, ...], ...}}"));
        }
        Object asked = filter.get("resourceSubscriptions");
        if (asked != null && !(asked instanceof List<?> list && list.stream().allMatch(String.class::isInstance))) {
            return new Refused(Answer.invalidParams("Invalid params: notifications.resourceSubscriptions must be an "
                    + "array of resource URIs"));
        }
        List<?> uris = asked == null ? List.of() : (List<?>) asked;
        if (uris.size() > MAX_URIS || uris.stream().anyMatch(uri -> ((String) uri).length() > MAX_URI_LENGTH)) {
            return new Refused(Answer.invalidParams("Invalid params: a stream may listen to at most " + MAX_URIS
                    + " resources, each URI at most " + MAX_URI_LENGTH + " characters"));
        }
        if (streams.size() >= maxStreams) {
            return new Refused(new Answer.Error(ModernProtocol.INTERNAL_ERROR, "Too many subscriptions/listen "
                    + "streams are open (at most " + maxStreams + "); close one, or retry later", null, 503));
        }
        var honoured = new LinkedHashSet<String>();
        uris.stream().map(String.class::cast).filter(exists).forEach(honoured::add);
        var stream = new Stream(id, Set.copyOf(honoured), sink);
        var acknowledged = new LinkedHashMap<String, Object>();
        if (asked != null) {
            acknowledged.put("resourceSubscriptions", List.copyOf(honoured));
        }
        String acknowledgment = WireFormat.notification(ModernProtocol.ACKNOWLEDGED,
                Map.of("_meta", subscription(id), "notifications", acknowledged));
        streams.add(stream);
        return new Listening(stream, acknowledgment);
    }

    /** The stream has ended (the client closed it or cancelled it): it hears nothing more. */
    public void close(Stream stream) {
        streams.remove(stream);
    }

    /** Ends the stream of listen request {@code id}, if one is open: the client cancelled it. */
    public void cancel(Object id) {
        streams.removeIf(stream -> stream.id.equals(id) || String.valueOf(stream.id).equals(String.valueOf(id)));
    }

    /** Sends each stream the updates of the URIs it listens to, among {@code changed}. */
    public void publish(List<String> changed) {
        for (Stream stream : streams) {
            for (String uri : changed) {
                if (stream.uris.contains(uri) && !stream.sink.send(WireFormat.notification(
                        ModernProtocol.RESOURCE_UPDATED, Map.of("_meta", subscription(stream.id), "uri", uri)))) {
                    streams.remove(stream);
                    break;
                }
            }
        }
    }

    /** Keeps every idle stream open, and finds those whose client has gone. */
    public void keepAlive() {
        streams.removeIf(stream -> !stream.sink.keepAlive());
    }

    /** Ends every stream gracefully: each gets the response to its listen request, as at shutdown. */
    public void closeAll(StatelessDispatcher dispatcher) {
        var open = new ArrayList<>(streams);
        streams.clear();
        for (Stream stream : open) {
            stream.sink.close(WireFormat.response(stream.id, new Answer.Result(
                    dispatcher.complete(Map.of("_meta", subscription(stream.id))))));
        }
    }

    public int size() {
        return streams.size();
    }

    private static Map<String, Object> subscription(Object id) {
        return Map.of(ModernProtocol.SUBSCRIPTION_ID_KEY, id);
    }
}
