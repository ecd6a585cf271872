package dev.agentmeter.mcp;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;

/**
 * {@code /mcp}: the SDK's Streamable HTTP servlet, behind three guards. Every error body is ours (no stack
 * trace, no class name: see {@link ErrorBodyGuard}); TRACE is refused; and at most {@code maxConcurrentRequests}
 * requests are handled at once, because the SDK holds the request's thread until a tool call has answered
 * (five seconds for the longest simulation), and MCP must not take every thread the dashboard needs.
 *
 * <p>Thread-safe.
 */
final class McpHttpEndpoint extends HttpServlet {

    /** Where the endpoint is mounted; the SDK checks that request paths end with it. */
    static final String PATH = "/mcp";

    private static final Logger log = LoggerFactory.getLogger(McpHttpEndpoint.class);

    private final transient HttpServletStreamableServerTransportProvider transport;
    private final int maxConcurrentRequests;
    // Incremented and decremented by every request thread around the SDK's handling.
    private final AtomicInteger inFlight = new AtomicInteger();

    McpHttpEndpoint(HttpServletStreamableServerTransportProvider transport, int maxConcurrentRequests) {
        this.transport = transport;
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
        if ("TRACE".equalsIgnoreCase(request.getMethod())) {
            guarded.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        } else if (inFlight.incrementAndGet() > maxConcurrentRequests) {
            inFlight.decrementAndGet();
            response.setHeader("Retry-After", "1");
            guarded.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, McpHttpErrors.BUSY);
        } else {
            try {
                transport.service(request, guarded);
            } catch (IOException e) {
                log.debug("MCP {} {} ended early: {}", request.getMethod(), request.getRequestURI(), e.toString());
                guarded.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            } catch (ServletException | RuntimeException e) {
                log.error("MCP {} {} failed", request.getMethod(), request.getRequestURI(), e);
                guarded.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            } finally {
                inFlight.decrementAndGet();
            }
        }
        guarded.finish();
    }

    @Override
    public void destroy() {
        transport.destroy();
        super.destroy();
    }
}
