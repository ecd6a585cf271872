package dev.agentmeter.mcp.http;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agentmeter.mcp.stateless.StatelessHttp;

/**
 * An MCP 2026-07-28 listen stream takes a place under the session caps of {@link McpHttpSessions}, as a 2025-11-25
 * session would, until it ends: so listen streams and sessions together stay within {@code maxSessions} in all and
 * {@code maxSessionsPerAddress} per client address. A stream refused a place gets 503 with {@code Retry-After}; an
 * idle 2025-11-25 session may be closed to make room, as for an {@code initialize}.
 *
 * <p>Thread-safe.
 */
public final class ListenAdmission implements StatelessHttp.StreamAdmission {

    private static final Logger log = LoggerFactory.getLogger(ListenAdmission.class);

    private final McpHttpSessions sessions;
    private final HttpServlet sdk;

    public ListenAdmission(McpHttpSessions sessions, HttpServlet sdk) {
        this.sessions = sessions;
        this.sdk = sdk;
    }

    @Override
    public Optional<Runnable> admit(HttpServletRequest request, HttpServletResponse response) {
        var admission = sessions.admit(request.getRemoteAddr());
        if (admission instanceof McpHttpSessions.Refused refused) {
            log.debug("MCP listen stream from {} refused: {}", request.getRemoteAddr(), refused.reason());
            response.setHeader("Retry-After", "1");
            try {
                response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, refused.reason());
            } catch (IOException e) {
                log.debug("A listen stream's refusal could not be sent: {}", e.toString());
            }
            return Optional.empty();
        }
        var admitted = (McpHttpSessions.Admitted) admission;
        admitted.evicted().ifPresent(idle -> {
            log.debug("MCP session {} closed, idle longest, to make room for a listen stream", idle);
            SdkSessionDeletion.delete(sdk, request, response, idle);
        });
        return Optional.of(() -> sessions.release(admitted.place()));
    }
}
