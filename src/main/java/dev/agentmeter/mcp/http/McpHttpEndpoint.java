package dev.agentmeter.mcp.http;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agentmeter.mcp.DirectToolCalls;
import dev.agentmeter.mcp.RequestGuard;
import dev.agentmeter.mcp.SessionSubscriptions;
import dev.agentmeter.mcp.stateless.StatelessHttp;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.HttpHeaders;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import reactor.core.publisher.Mono;

/**
 * {@code /mcp}: the SDK's Streamable HTTP servlet, behind our guards. Every error body is ours (no stack trace, no
 * class name: see {@link ErrorBodyGuard}); TRACE is refused; at most {@code maxConcurrentRequests} requests are
 * handled at once, because the SDK holds the request's thread until a tool call has answered (five seconds for the
 * longest simulation), and MCP must not take every thread the dashboard needs.
 *
 * <p>A POST's body is read and checked first ({@link McpHttpInbound}, then {@link RequestGuard} for a request), so
 * HTTP answers a malformed message as stdio does. Every {@code initialize}, whatever session id it names, must be
 * admitted by {@link McpHttpSessions} (the session caps) before the SDK may start a session. A response from the
 * client goes to its session directly (202), never to the SDK's servlet, which logs each unknown one as an error.
 * Any other request naming a session we do not know gets 404. A request in a session is answered on its own thread,
 * as one JSON body when its stream holds only the answer ({@link InlinePost}); a tool call is answered without the
 * SDK's session ({@link DirectPost}). Client mistakes are logged at DEBUG only.
 *
 * <p>Thread-safe.
 */
public final class McpHttpEndpoint extends HttpServlet {

    /** Where the endpoint is mounted; the SDK checks that request paths end with it. */
    public static final String PATH = "/mcp";

    private static final Logger log = LoggerFactory.getLogger(McpHttpEndpoint.class);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(5);

    private final transient HttpServletStreamableServerTransportProvider transport;
    private final transient McpHttpSessions sessions;
    private final transient McpHttpInbound inbound;
    private final transient RequestGuard guard;
    private final transient HttpOperations operations;
    private final int maxConcurrentRequests;
    private final transient StatelessHttp modern;
    private final transient DirectPost direct;
    // Incremented and decremented by every request thread around the SDK's handling.
    private final AtomicInteger inFlight = new AtomicInteger();

    public McpHttpEndpoint(HttpServletStreamableServerTransportProvider transport, McpHttpSessions sessions,
                           McpHttpInbound inbound, RequestGuard guard, HttpOperations operations,
                           int maxConcurrentRequests, StatelessHttp modern, DirectToolCalls directCalls,
                           McpJsonMapper mapper) {
        this.transport = transport;
        this.sessions = sessions;
        this.inbound = inbound;
        this.guard = guard;
        this.operations = operations;
        this.maxConcurrentRequests = maxConcurrentRequests;
        this.modern = modern;
        this.direct = new DirectPost(directCalls, SdkSessionTable.of(transport), mapper);
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
            refuse(guarded, McpHttpErrors.BUSY);
        } else {
            try {
                serve(request, guarded, request.getHeader(HttpHeaders.MCP_SESSION_ID));
            } finally {
                inFlight.decrementAndGet();
            }
        }
        guarded.finish(request);
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
            boolean post = "POST".equalsIgnoreCase(request.getMethod());
            if (post && inbound.readable(request)) {
                streaming = post(request, response, sessionId);
            } else if (!post && sessionId != null && sessions.find(sessionId).isEmpty()
                    && inbound.headersAllowed(request)) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND); // a GET or DELETE of a session that is gone
            } else {
                streaming = sdk(request, response, sessionId);
            }
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

    /** A POST whose body the SDK would read: ours to check first. Whether a stream outlives the dispatch. */
    private boolean post(HttpServletRequest request, ErrorBodyGuard response, String sessionId)
            throws IOException, ServletException {
        McpHttpInbound.Read read = inbound.read(request);
        if (read instanceof McpHttpInbound.TooLarge) {
            response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return false;
        }
        if (read instanceof McpHttpInbound.NotAMessage notAMessage) {
            log.debug("MCP POST refused: {}", notAMessage.response());
            response.answer(HttpServletResponse.SC_BAD_REQUEST, notAMessage.response());
            return false;
        }
        JSONRPCMessage message = ((McpHttpInbound.Message) read).message();
        if (StatelessHttp.claims(message, request)) { // MCP 2026-07-28: served statelessly, any session id ignored
            modern.serve(message, request, response, response::answer);
            return false;
        }
        var watch = operations.watch(message, request, response); // times a request, sees the SDK's answer
        boolean handled = false;
        try {
            boolean streaming = post(request, response, sessionId, message, watch);
            handled = true;
            return streaming;
        } finally { // a failure here is answered 500 by serve
            watch.finish(handled ? response.getStatus() : HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                    response.ownAnswer());
        }
    }

    /** A message read and checked; the SDK's servlet writes to the response {@code watch} gives it. */
    private boolean post(HttpServletRequest request, ErrorBodyGuard response, String sessionId,
                         JSONRPCMessage message, HttpOperations.Watch watch) throws IOException, ServletException {
        if (message instanceof JSONRPCRequest initialize && McpSchema.METHOD_INITIALIZE.equals(initialize.method())) {
            return initialize(request, response, initialize, watch.response());
        }
        if (sessionId == null) {
            return sdk(new BufferedBodyRequest(request, inbound.bytesOf(message)), watch.response(), null); // 400
        }
        var session = sessions.find(sessionId);
        if (session.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return false;
        }
        if (message instanceof JSONRPCResponse answer) {
            deliver(answer, session.get());
            response.setStatus(HttpServletResponse.SC_ACCEPTED);
            return false;
        }
        if (message instanceof JSONRPCNotification notification && !guard.forwards(notification)) {
            log.debug("Dropped an MCP notification nothing here acts on: {}", notification.method());
            response.setStatus(HttpServletResponse.SC_ACCEPTED);
            return false;
        }
        if (message instanceof JSONRPCRequest jsonRpcRequest) {
            var verdict = guard.examine(jsonRpcRequest, session.get().subscriptions);
            if (verdict instanceof RequestGuard.Refuse refuse) {
                log.debug("MCP request refused: {}", refuse.response());
                response.answer(HttpServletResponse.SC_OK, refuse.response());
                return false;
            }
            message = ((RequestGuard.Pass) verdict).request();
            if (direct.serves((JSONRPCRequest) message, sessionId)) {
                direct.serve((JSONRPCRequest) message, sessionId, response, watch);
                return false;
            }
            InlinePost.serve(transport, new BufferedBodyRequest(request, inbound.bytesOf(message)), response,
                    watch::around);
            return false;
        }
        return sdk(new BufferedBodyRequest(request, inbound.bytesOf(message)), watch.response(), sessionId);
    }

    /** An initialize, with or without a session id: checked, admitted by the session caps, then the SDK's. */
    private boolean initialize(HttpServletRequest request, ErrorBodyGuard response, JSONRPCRequest initialize,
                               HttpServletResponse sdkResponse) throws IOException, ServletException {
        var verdict = guard.examine(initialize, new SessionSubscriptions());
        if (verdict instanceof RequestGuard.Refuse refuse) {
            log.debug("MCP initialize refused: {}", refuse.response());
            response.answer(HttpServletResponse.SC_OK, refuse.response());
            return false;
        }
        var admission = sessions.admit(request.getRemoteAddr());
        if (admission instanceof McpHttpSessions.Refused refused) {
            log.debug("MCP initialize from {} refused: {}", request.getRemoteAddr(), refused.reason());
            refuse(response, refused.reason());
            return false;
        }
        var admitted = (McpHttpSessions.Admitted) admission;
        admitted.evicted().ifPresent(idle -> {
            log.debug("MCP session {} closed, idle longest, to make room for a new one", idle);
            SdkSessionDeletion.delete(transport, request, response, idle);
        });
        sessions.startingOnThisThread(admitted.place());
        try {
            byte[] bounded = inbound.bytesOf(((RequestGuard.Pass) verdict).request());
            return sdk(new BufferedBodyRequest(request, bounded), sdkResponse, null);
        } finally {
            sessions.release(admitted.place());
        }
    }

    /** A client's answer to a request of ours (a keep-alive ping), for the session that asked; others are dropped. */
    private static void deliver(JSONRPCResponse answer, McpHttpSessions.Entry session) {
        if (session.session instanceof McpStreamableServerSession streamable) {
            streamable.accept(answer)
                    .onErrorResume(unknown -> {
                        log.debug("Dropped an MCP response no request waits for: {}", unknown.toString());
                        return Mono.empty();
                    })
                    .block(RESPONSE_TIMEOUT);
        }
    }

    /** Hands the request to the SDK's servlet; whether a GET's event stream outlives the dispatch. */
    private boolean sdk(HttpServletRequest request, HttpServletResponse response, String sessionId)
            throws IOException, ServletException {
        transport.service(request, response);
        return request.isAsyncStarted() && closeWithStream(request, sessionId);
    }

    /** A GET's event stream outlives the request's dispatch: the session is busy until the stream ends. */
    private boolean closeWithStream(HttpServletRequest request, String sessionId) {
        try {
            request.getAsyncContext().addListener(new StreamEnd(() -> sessions.closed(sessionId)));
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
