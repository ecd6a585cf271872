package dev.agentmeter.mcp.http;

import java.util.List;

import dev.agentmeter.mcp.McpProtocolVersions;
import dev.agentmeter.mcp.stateless.ModernProtocol;
import io.modelcontextprotocol.server.transport.HeaderAccessor;
import io.modelcontextprotocol.server.transport.ServerHttpHeaderValidator;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.spec.HttpHeaders;

/**
 * Checks the {@code MCP-Protocol-Version} header of a request within a session: a version this server does not
 * speak is refused with 400, as the Streamable HTTP specification requires (the SDK does not check it). A request
 * without the header is served: the specification says to assume 2025-03-26 then. An initialize request (no
 * session yet) is not checked, since its body is where the version is negotiated. A 2026-07-28 version passes here:
 * such a request is served statelessly, whatever session id it names, and its headers are checked there.
 *
 * <p>Thread-safe (stateless).
 */
public final class ProtocolVersionHeader implements ServerHttpHeaderValidator {

    /** The reason handed to the error body, which {@link McpHttpErrors} turns into its message. */
    static final String UNSUPPORTED = "unsupported MCP-Protocol-Version";

    @Override
    public void validate(HeaderAccessor headers) throws ServerTransportSecurityException {
        if (isEmpty(headers.getHeader(HttpHeaders.MCP_SESSION_ID))) {
            return;
        }
        List<String> versions = headers.getHeader(HttpHeaders.PROTOCOL_VERSION);
        if (!isEmpty(versions) && (versions.size() > 1 || !McpProtocolVersions.SUPPORTED.contains(versions.get(0).strip())
                && !ModernProtocol.isModern(versions.get(0)))) {
            throw new ServerTransportSecurityException(400, UNSUPPORTED);
        }
    }

    private static boolean isEmpty(List<String> values) {
        return values == null || values.isEmpty();
    }
}
