package dev.agentmeter.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.HttpHeaders;

/**
 * {@code /mcp}: the SDK's Streamable HTTP servlet, behind four guards. Every error body is ours (no stack
 * trace, no class name: see {@link ErrorBodyGuard}); TRACE is refused; at most {@code maxConcurrentRequests}
 * requests are handled at once, because the SDK holds the request's thread until a tool call has answered
 * (five seconds for the longest simulation), and MCP must not take every thread the dashboard needs; and a new
 * session beyond the cap is refused. It also tells {@link McpHttpSessions} which session each request and each
 * GET stream belongs to, and when a session is gone.
 *
 * <p>Thread-safe.
 */
final class McpHttpEndpoint extends HttpServlet {

    /** Where the endpoint is mounted; the SDK checks that request paths end with it. */
    static final String PATH = "/mcp";

    private static final Logger log = LoggerFactory.getLogger(McpHttpEndpoint.class);
    private static final long MAX_DRAINED_BYTES = 1024 * 1024;

    private final transient HttpServletStreamableServerTransportProvider transport;
    private final transient McpHttpSessions sessions;
    private final int maxConcurrentRequests;
    // Incremented and decremented by every request thread around the SDK's handling.
    private final AtomicInteger inFlight = new AtomicInteger();

    McpHttpEndpoint(HttpServletStreamableServerTransportProvider transport, McpHttpSessions sessions,
                    int maxConcurrentRequests) {
        this.transport = transport;
        this.sessions = sessions;
        this.maxConcurrentRequests = maxConcurrentRequests;
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        transport.init(config);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        var guarded = new ErrorBodyGuard(response);
        String sessionId = request.getHeader(HttpHeaders.MCP_SESSION_ID);
        if ("TRACE".equalsIgnoreCase(request.getMethod())) {
            guarded.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        } else if (sessionId == null && "POST".equalsIgnoreCase(request.getMethod()) && sessions.full()) {
            refuse(guarded, McpHttpErrors.TOO_MANY_SESSIONS);
        } else if (inFlight.incrementAndGet() > maxConcurrentRequests) {
            inFlight.decrementAndGet();
            refuse(guarded, McpHttpErrors.BUSY);
        } else {
            try {
                serve(request, guarded, sessionId);
            } finally {
                inFlight.decrementAndGet();
            }
        }
        if (guarded.errorStatus() != 0 && !drainUnreadBody(request)) {
            // What could not be drained is still on the connection: the client must not reuse it.
            guarded.setHeader("Connection", "close");
        }
        guarded.finish();
    }

    /**
     * Reads what is left of a refused body (boundedly) before answering: closing a connection with unread bytes
     * makes the kernel reset it, and the client then loses the error it was sent.
     *
     * @return whether the whole body has been read
     */
    private static boolean drainUnreadBody(HttpServletRequest request) {
        var buffer = new byte[8192];
        long left = MAX_DRAINED_BYTES;
        try {
            InputStream body = request.getInputStream(); // the SDK reads it as bytes too
            for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                left -= read;
                if (left < 0) {
                    return false;
                }
            }
            return true;
        } catch (IOException | IllegalStateException e) {
            log.debug("Could not drain a refused MCP body: {}", e.toString());
            return false;
        }
    }

    @Override
    public void destroy() {
        transport.destroy();
        super.destroy();
    }

    private void serve(HttpServletRequest request, ErrorBodyGuard response, String sessionId) throws IOException {
        sessions.opened(sessionId);
        boolean streaming = false;
        try {
            transport.service(request, response);
            streaming = request.isAsyncStarted() && closeWithStream(request, sessionId);
        } catch (IOException e) {
            log.debug("MCP {} {} ended early: {}", request.getMethod(), request.getRequestURI(), e.toString());
            response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        } catch (ServletException | RuntimeException e) {
            log.error("MCP {} {} failed", request.getMethod(), request.getRequestURI(), e);
            response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        } finally {
            if (!streaming) {
                sessions.closed(sessionId);
            }
        }
        if (response.getStatus() == HttpServletResponse.SC_NOT_FOUND
                || ("DELETE".equalsIgnoreCase(request.getMethod()) && response.getStatus() < 300)) {
            sessions.ended(sessionId);
        }
    }

    /** A GET's event stream outlives the request's dispatch: the session is busy until the stream ends. */
    private boolean closeWithStream(HttpServletRequest request, String sessionId) {
        try {
            request.getAsyncContext().addListener(new AsyncListener() {
                @Override
                public void onComplete(AsyncEvent event) {
                    sessions.closed(sessionId);
                }

                @Override
                public void onTimeout(AsyncEvent event) {
                }

                @Override
                public void onError(AsyncEvent event) {
                }

                @Override
                public void onStartAsync(AsyncEvent event) {
                }
            });
            return true;
        } catch (IllegalStateException e) { // the stream ended before it could be watched
            return false;
        }
    }

    private static void refuse(ErrorBodyGuard response, String reason) {
        response.setHeader("Retry-After", "1");
        response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, reason);
    }
}
