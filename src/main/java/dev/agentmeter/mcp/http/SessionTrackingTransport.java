package dev.agentmeter.mcp.http;

import java.util.List;

import dev.agentmeter.mcp.McpProtocolVersions;

import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import reactor.core.publisher.Mono;

/**
 * The SDK's Streamable HTTP transport as the MCP server sees it, but telling {@link McpHttpSessions} of every
 * session it starts: the one place where the SDK hands a new session to anyone. The registry lets a session start
 * only in a place admitted for it (so the session caps hold for every session the SDK creates). Everything else
 * is the SDK's.
 *
 * <p>Thread-safe, as the transport it wraps.
 */
public final class SessionTrackingTransport implements McpStreamableServerTransportProvider {

    private final McpStreamableServerTransportProvider transport;
    private final McpHttpSessions sessions;

    public SessionTrackingTransport(McpStreamableServerTransportProvider transport, McpHttpSessions sessions) {
        this.transport = transport;
        this.sessions = sessions;
    }

    @Override
    public void setSessionFactory(McpStreamableServerSession.Factory sessionFactory) {
        transport.setSessionFactory(initialize -> {
            var started = sessionFactory.startSession(initialize);
            sessions.started(started.session().getId(), started.session());
            return started;
        });
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        return transport.notifyClients(method, params);
    }

    @Override
    public Mono<Void> notifyClient(String sessionId, String method, Object params) {
        return transport.notifyClient(sessionId, method, params);
    }

    @Override
    public void close() {
        transport.close();
    }

    @Override
    public Mono<Void> closeGracefully() {
        return transport.closeGracefully();
    }

    /** The versions negotiated at initialize: the same list that {@link ProtocolVersionHeader} accepts. */
    @Override
    public List<String> protocolVersions() {
        return McpProtocolVersions.SUPPORTED;
    }
}
