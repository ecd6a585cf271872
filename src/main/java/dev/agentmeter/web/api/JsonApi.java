package dev.agentmeter.web.api;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agentmeter.operations.Envelope;
import dev.agentmeter.operations.ErrorCode;
import dev.agentmeter.web.guard.Printable;

/**
 * The JSON API's front door: finds the route, answers 404 or 405 for requests that have none, turns away
 * cross-origin POSTs ({@link SameOriginGuard}), and catches whatever an endpoint throws (a bug) so it is
 * logged once and answered without internals.
 *
 * <p>Thread-safe.
 */
public final class JsonApi {

    private static final Logger log = LoggerFactory.getLogger(JsonApi.class);

    private final RouteTable<ApiEndpoint> routes;
    private final EnvelopeResponder responder;
    private final Set<String> trustedOrigins;
    private final RequestObserver observer;
    private final LongSupplier nanoTime;

    public JsonApi(RouteTable<ApiEndpoint> routes, EnvelopeResponder responder) {
        this(routes, responder, Set.of(), RequestObserver.NONE, System::nanoTime);
    }

    /**
     * @param trustedOrigins other origins whose pages may POST here (the CORS origins)
     * @param observer       told each request's route, status and duration (self-monitoring)
     */
    public JsonApi(RouteTable<ApiEndpoint> routes, EnvelopeResponder responder, Set<String> trustedOrigins,
            RequestObserver observer, LongSupplier nanoTime) {
        this.routes = routes;
        this.responder = responder;
        this.trustedOrigins = Set.copyOf(trustedOrigins);
        this.observer = observer;
        this.nanoTime = nanoTime;
    }

    void handle(ApiExchange request) {
        RouteTable.Match<ApiEndpoint> match = routes.find(request.method(), request.path());
        String route = match instanceof RouteTable.UnknownPath<ApiEndpoint> ? RequestObserver.UNMATCHED : request.path();
        ApiExchange exchange = observer == RequestObserver.NONE ? request
                : new ObservedExchange(request, observer, route, nanoTime);
        try {
            if (match instanceof RouteTable.Found<ApiEndpoint> found) {
                Optional<Envelope.Failure> refusal = SameOriginGuard.check(exchange, trustedOrigins);
                if (refusal.isPresent()) {
                    responder.send(exchange, refusal.get());
                } else {
                    found.endpoint().serve(exchange);
                }
            } else if (match instanceof RouteTable.WrongMethod<ApiEndpoint> wrong) {
                String allowed = String.join(", ", wrong.allowed());
                responder.send(exchange, new Envelope.Failure(ErrorCode.METHOD_NOT_ALLOWED,
                        Printable.of(exchange.method()) + " is not allowed on " + Printable.of(exchange.path()) + "; allowed: " + allowed),
                        Map.of("Allow", allowed));
            } else {
                responder.send(exchange, new Envelope.Failure(ErrorCode.NOT_FOUND,
                        "no such endpoint: " + Printable.of(exchange.path())));
            }
        } catch (RuntimeException e) {
            log.error("Unexpected failure answering {} {}", exchange.method(), Printable.of(exchange.path()), e);
            responder.send(exchange, Envelope.internalError());
        }
    }
}
