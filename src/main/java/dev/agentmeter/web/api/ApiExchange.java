package dev.agentmeter.web.api;

import java.util.Map;
import java.util.Optional;

import dev.agentmeter.web.events.EventSink;
import dev.agentmeter.web.guard.RequestBodyPrefetch;

/**
 * One HTTP request and its answer, as the JSON API sees them: just enough to route, read arguments and
 * respond, so the API's logic does not depend on servlets and tests can drive it with a plain object.
 */
public interface ApiExchange {

    /** The request method, such as {@code GET}. */
    String method();

    /** The decoded path, such as {@code /api/history}. */
    String path();

    /** The query string as sent (still percent-encoded), if there is one. */
    Optional<String> rawQuery();

    Optional<String> header(String name);

    /** The client's address: the connection's own ({@code X-Forwarded-For} is anyone's to write). */
    String remoteAddress();

    /** Reads the whole body, which has already arrived (see {@link RequestBodyPrefetch}). At most once. */
    RequestBody readBody();

    /**
     * Sends {@code json} with {@code status} and the extra {@code headers}. Callable from any thread and
     * without blocking it; only the first answer (of this or {@link #openEventStream}) counts.
     */
    void respond(int status, Map<String, String> headers, String json);

    /** Answers 200 with an open {@code text/event-stream} whose frames the caller writes. */
    EventSink openEventStream();
}
