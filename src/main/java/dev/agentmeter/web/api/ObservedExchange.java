package dev.agentmeter.web.api;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

import dev.agentmeter.web.events.EventSink;

/**
 * An exchange that tells a {@link RequestObserver} how long its first answer took and what status it had
 * (an event stream counts when it opens). Thread-safe like the exchange it wraps.
 */
final class ObservedExchange implements ApiExchange {

    private static final Set<String> KNOWN_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT");

    private final ApiExchange exchange;
    private final RequestObserver observer;
    private final String route;
    private final LongSupplier nanoTime;
    private final long startNanos;
    // Set by whichever thread answers first.
    private final AtomicBoolean observed = new AtomicBoolean();

    ObservedExchange(ApiExchange exchange, RequestObserver observer, String route, LongSupplier nanoTime) {
        this.exchange = exchange;
        this.observer = observer;
        this.route = route;
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
    }

    @Override
    public String method() {
        return exchange.method();
    }

    @Override
    public String path() {
        return exchange.path();
    }

    @Override
    public Optional<String> rawQuery() {
        return exchange.rawQuery();
    }

    @Override
    public Optional<String> header(String name) {
        return exchange.header(name);
    }

    @Override
    public String remoteAddress() {
        return exchange.remoteAddress();
    }

    @Override
    public RequestBody readBody() {
        return exchange.readBody();
    }

    @Override
    public void respond(int status, Map<String, String> headers, String json) {
        observe(status);
        exchange.respond(status, headers, json);
    }

    @Override
    public EventSink openEventStream() {
        EventSink sink = exchange.openEventStream();
        observe(200);
        return sink;
    }

    /** Clients may send any token as a method; the label keeps only the ones HTTP defines. */
    private static String boundedMethod(String method) {
        return KNOWN_METHODS.contains(method) ? method : "other";
    }

    private void observe(int status) {
        if (observed.compareAndSet(false, true)) {
            observer.observe(route, boundedMethod(method()), status, nanoTime.getAsLong() - startNanos);
        }
    }
}
