package dev.agentmeter.web.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import dev.agentmeter.operations.Envelope;
import dev.agentmeter.operations.ErrorCode;
import dev.agentmeter.web.guard.HostFilter;
import dev.agentmeter.web.guard.Printable;

/**
 * Refuses a POST that a browser sent from another site. Such a page can send a "simple" POST without a
 * preflight (an empty {@code POST /api/reset} needs no Content-Type), so without this any page a user
 * visits could reset their local dashboard. Browsers name the page's origin in {@code Origin}; it must be
 * the origin the request was sent to. Requests without {@code Origin} (scripts, curl, MCP clients) pass.
 * The origin it was sent to is read from {@code Host}, which {@link HostFilter} has already checked is one of
 * this server's own names: a rebound name never gets this far.
 *
 * <p>Thread-safe (stateless).
 */
public final class SameOriginGuard {

    private SameOriginGuard() {
    }

    /** The refusal for a cross-origin POST, or empty when the request may go on. */
    static Optional<Envelope.Failure> check(ApiExchange exchange) {
        return check(exchange, Set.of());
    }

    /** As {@link #check(ApiExchange)}, but POSTs from the {@code trustedOrigins} (CORS) also go on. */
    static Optional<Envelope.Failure> check(ApiExchange exchange, Set<String> trustedOrigins) {
        if (!"POST".equals(exchange.method())) {
            return Optional.empty();
        }
        Optional<String> origin = exchange.header("Origin");
        if (origin.isEmpty() || trustedOrigins.contains(origin.get())
                || sameOrigin(origin.get(), exchange.header("Host").orElse(""))) {
            return Optional.empty();
        }
        return Optional.of(new Envelope.Failure(ErrorCode.FORBIDDEN,
                "cross-origin requests may not change anything here (Origin: " + Printable.of(origin.get()) + ")"));
    }

    private static boolean sameOrigin(String origin, String host) {
        try {
            var from = new URI(origin);
            var to = new URI(from.getScheme() + "://" + host);
            return from.getHost() != null && from.getHost().toLowerCase(Locale.ROOT).equals(lower(to.getHost()))
                    && port(from) == port(to) && from.getRawPath().isEmpty();
        } catch (URISyntaxException | RuntimeException e) {
            // "null" (a sandboxed page), a file: origin or anything malformed: not this server's origin.
            return false;
        }
    }

    private static String lower(String host) {
        return host == null ? null : host.toLowerCase(Locale.ROOT);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
