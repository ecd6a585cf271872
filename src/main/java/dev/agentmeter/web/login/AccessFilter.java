package dev.agentmeter.web.login;

import java.io.IOException;
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
import dev.agentmeter.web.guard.JsonResponses;

/**
 * With a token configured, lets a request through only when it shows the token as
 * {@code Authorization: Bearer <token>} or carries a live login session cookie. Everything is protected
 * except the health probes ({@code /health}, {@code /health/live}, {@code /health/ready}: they hold no
 * figures), the login and logout endpoints, and the dashboard's static files (code, no data);
 * the page itself sends a browser without a session to the login page. MCP and {@code /metrics} accept the
 * bearer token only: their clients are programs, and a cookie there would only widen what a browser can
 * be tricked into sending.
 *
 * <p>Which servlet serves a request is asked of the container after it decoded and normalised the path, so
 * an odd spelling of a protected path cannot slip past as a static file.
 *
 * <p>Thread-safe.
 */
public final class AccessFilter extends HttpFilter {

    static final String LOGIN_PAGE = "/login.html";
    public static final String STATIC_SERVLET = "dashboard";
    private static final Set<String> OPEN_PATHS = Set.of("/health", "/health/live", "/health/ready",
            LoginEndpoints.LOGIN_PATH, LoginEndpoints.LOGOUT_PATH);
    private static final Set<String> PAGES = Set.of("/", "/index.html");
    private static final Map<String, String> CHALLENGE = Map.of("WWW-Authenticate", "Bearer realm=\"agentmeter\"");

    private final AccessToken token;
    private final LoginSessions sessions;
    private final JsonCodec json;

    public AccessFilter(AccessToken token, LoginSessions sessions, JsonCodec json) {
        this.token = token;
        this.sessions = sessions;
        this.json = json;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (OPEN_PATHS.contains(path) || token.matchesAuthorization(request.getHeader("Authorization"))) {
            chain.doFilter(request, response);
            return;
        }
        boolean loggedIn = path.startsWith("/api/") && hasSession(request);
        if (loggedIn || (isStaticFile(request, path) && !PAGES.contains(path))) {
            chain.doFilter(request, response);
            return;
        }
        if (PAGES.contains(path) && isStaticFile(request, path)) {
            if (hasSession(request)) {
                chain.doFilter(request, response);
            } else {
                response.setStatus(HttpServletResponse.SC_FOUND);
                response.setHeader("Location", LOGIN_PAGE);
                response.setHeader("Cache-Control", "no-store");
            }
            return;
        }
        var failure = new Envelope.Failure(ErrorCode.UNAUTHORIZED,
                "this server needs a token: send Authorization: Bearer <token>");
        JsonResponses.writeFailure(response, failure, CHALLENGE, json, !"HEAD".equals(request.getMethod()));
    }

    private boolean hasSession(HttpServletRequest request) {
        return SessionCookie.of(request).filter(sessions::isValid).isPresent();
    }

    private static boolean isStaticFile(HttpServletRequest request, String path) {
        // /metrics may be served by nothing yet; it is never a static file, whatever serves it.
        return !(path.equals("/metrics") || path.startsWith("/metrics/"))
                && STATIC_SERVLET.equals(request.getHttpServletMapping().getServletName());
    }
}
