package dev.agentmeter.web.guard;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.agentmeter.operations.Envelope;
import dev.agentmeter.operations.ErrorCode;
import dev.agentmeter.operations.JsonCodec;

/**
 * CORS for the JSON API: a page from one of the configured origins ({@code --allowed-origin}) may call it,
 * with its own {@code Authorization} header; no other site may. The allowed origin is echoed exactly, never
 * {@code *}, and credentials (cookies) are never allowed across origins: the session cookie is for the
 * dashboard's own pages. A preflight is answered here, 204 for an allowed origin and 403 for any other.
 *
 * <p>Immutable and thread-safe.
 */
public final class CorsFilter extends HttpFilter {

    static final String ALLOWED_METHODS = "GET, HEAD, POST";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type";
    private static final String PREFLIGHT_MAX_AGE_SECONDS = "600";

    private final Set<String> allowedOrigins;
    private final JsonCodec json;

    public CorsFilter(List<String> allowedOrigins, JsonCodec json) {
        this.allowedOrigins = Set.copyOf(allowedOrigins);
        this.json = json;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String origin = request.getHeader("Origin");
        boolean preflight = "OPTIONS".equals(request.getMethod()) && origin != null
                && request.getHeader("Access-Control-Request-Method") != null;
        boolean allowed = origin != null && allowedOrigins.contains(origin);
        if (allowed) {
            response.setHeader("Access-Control-Allow-Origin", origin);
        }
        if (origin != null) {
            // A cache must not hand one origin's answer to another.
            response.addHeader("Vary", "Origin");
        }
        if (!preflight) {
            chain.doFilter(request, response);
            return;
        }
        if (!allowed) {
            var failure = new Envelope.Failure(ErrorCode.FORBIDDEN,
                    "cross-origin calls from " + Printable.of(origin) + " are not allowed here");
            JsonResponses.writeFailure(response, failure, Map.of(), json, true);
            return;
        }
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        response.setHeader("Access-Control-Allow-Methods", ALLOWED_METHODS);
        response.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
        response.setHeader("Access-Control-Max-Age", PREFLIGHT_MAX_AGE_SECONDS);
    }
}
