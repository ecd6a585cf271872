package dev.agentmeter.mcp;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServlet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agentmeter.mcp.app.AppDefinitions;
import dev.agentmeter.mcp.http.McpHttpEndpoint;
import dev.agentmeter.mcp.http.McpHttpInbound;
import dev.agentmeter.mcp.http.ListenAdmission;
import dev.agentmeter.mcp.http.McpHttpLimits;
import dev.agentmeter.mcp.http.McpHttpSecurity;
import dev.agentmeter.mcp.http.McpHttpSessions;
import dev.agentmeter.mcp.http.ProtocolVersionHeader;
import dev.agentmeter.mcp.http.SessionTrackingTransport;
import dev.agentmeter.mcp.stdio.StdioTransport;
import dev.agentmeter.mcp.stateless.ServerIdentity;
import dev.agentmeter.mcp.stateless.StatelessFrontEnd;
import dev.agentmeter.mcp.features.ToolResultValidator;
import dev.agentmeter.mcp.http.HttpOperations;
import dev.agentmeter.mcp.stdio.StdioOperations;
import dev.agentmeter.operations.PerformanceOperations;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncToolSpecification;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.ServerHttpHeaderValidator;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;

/**
 * The MCP servers of this process, one per transport, all serving the same features (tools, resources with
 * subscriptions, prompts, completions, logging): stdio for the client that started the process, Streamable HTTP
 * for any number of clients. Builds them, keeps their clients told of changes, and closes them. Both transports
 * also serve MCP 2026-07-28 (stateless, no handshake) through {@link StatelessFrontEnd}, over the same handlers:
 * the SDK serves the clients that start with {@code initialize}, our front end those that send per-request
 * {@code _meta}.
 *
 * <p>Thread-safe.
 */
public final class McpServers implements AutoCloseable {

    /** The server's name in the MCP handshake. */
    public static final String SERVER_NAME = "agentmeter";

    static final String INSTRUCTIONS = """
            AgentMeter measures the performance of AI agent tasks: counts, success and error rates (percent), \
            response times in milliseconds (average, min, max, p50, p95, p99), requests per minute, and a bounded \
            history of recent tasks and errors. The same figures are on a live web dashboard.
            - For an overview, call get_dashboard_data: metrics, the 10 newest tasks and the 5 newest errors.
            - When the person wants to see how their agents or tasks are doing, call show_dashboard: clients that \
            show MCP Apps display the live dashboard in the conversation; its text is a short summary.
            - For the figures alone, call get_performance_metrics.
            - To look at recent tasks or failures, call get_request_history or get_error_log (limit, default 10).
            - simulate_agent_task records a synthetic task that really lasts duration seconds (0 to 5), \
            optionally as a failure: for trying AgentMeter out, not for real work.
            - reset_performance_metrics erases every figure, the history and the error log; call it only when \
            the user asks.
            - After finishing a piece of real work, call record_agent_task with its name, the duration_ms you \
            measured, success (and error when it failed) and your agent name, so it counts in the figures.
            - get_alerts lists the alert rules firing now (configured with --alert), each with its value and threshold.
            Every tool answers {"status":"success","data":...} or {"status":"error","error":{"code","message"}}; \
            an error's message says which argument to fix.
            The same figures are resources (agentmeter://metrics, agentmeter://dashboard, agentmeter://history, \
            agentmeter://errors, agentmeter://tasks/{name}); subscribe to hear when they change. The prompts \
            diagnose_performance and summarize_errors turn the figures into a diagnosis.""";

    /** The largest JSON-RPC message accepted, on every transport. */
    public static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(McpServers.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    // The SDK pings every client that holds an event stream this often: one that does not answer has its stream
    // released, so that its session can expire, and a quiet stream is not cut by a proxy in between.
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(20);

    private final McpFeatures features;
    private final String version;
    private final McpNotifications notifications;
    private final StatelessFrontEnd modern;
    private final McpOperationObserver observer;
    private final McpJsonMapper jsonMapper = McpJsonDefaults.getMapper();
    private final ToolResultValidator resultValidator = new ToolResultValidator(McpJsonDefaults::getSchemaValidator);
    private final List<AsyncToolSpecification> tools;
    // tools/call of an initialized 2025-11-25 session, answered beside the SDK's session on both transports.
    private final DirectToolCalls directCalls;
    // Added to by the thread that wires the process, read by whoever closes it.
    private final List<McpAsyncServer> servers = new CopyOnWriteArrayList<>();
    // Completes once the figures exist (storage rebuilt, the parts that follow it up); fails when start-up failed.
    private final CompletionStage<?> figuresReady;
    // Set once by serveStdio, read by whoever waits for its last answers.
    private volatile StdioTransport stdio;

    /** Servers offering {@code features}; {@code operations} tells them when the figures change. */
    public McpServers(McpFeatures features, PerformanceOperations operations, String version) {
        this(features, operations, version, McpOperationObserver.NONE);
    }

    /** ...and {@code observer} is told of every MCP request answered, on both transports and both revisions. */
    public McpServers(McpFeatures features, PerformanceOperations operations, String version,
                      McpOperationObserver observer) {
        this(features, operations, version, observer, CompletableFuture.completedFuture(null));
    }

    /**
     * ...built before the figures exist: nothing reads, records or listens to them until {@code figuresReady}
     * completes. Over stdio, what needs no figure (initialize, ping, the lists) is answered at once and every other
     * request waits for it, or is refused with its failure's reason; notifications start once it completes.
     */
    public McpServers(McpFeatures features, PerformanceOperations operations, String version,
                      McpOperationObserver observer, CompletionStage<?> figuresReady) {
        this.features = features;
        this.version = version;
        this.figuresReady = figuresReady;
        this.notifications = new McpNotifications(operations, figuresReady);
        this.observer = observer;
        this.tools = Stream.concat(features.tools().specifications().stream(), features.app().tools().stream())
                .toList();
        this.directCalls = new DirectToolCalls(tools, resultValidator, jsonMapper);
        this.modern = new StatelessFrontEnd(features, jsonMapper, new ServerIdentity(SERVER_NAME, version,
                jsonMapper.convertValue(capabilities(), new TypeRef<Map<String, Object>>() { }), INSTRUCTIONS),
                observer, System::nanoTime);
        notifications.forward(modern);
    }

    /**
     * Serves MCP on {@code stdin}/{@code stdout} from now on. {@code onClosed} runs once stdin has ended and
     * every request in flight has been answered.
     */
    public void serveStdio(InputStream stdin, OutputStream stdout, Runnable onClosed) {
        var transport = new StdioTransport(jsonMapper, stdin, stdout, MAX_MESSAGE_BYTES, onClosed, modern,
                new StdioOperations(observer, System::nanoTime), directCalls, figuresReady);
        stdio = transport;
        McpAsyncServer server = configure(McpServer.async(transport)).build();
        servers.add(server);
        notifications.serve(server, transport);
    }

    /**
     * Waits, at most {@code bound}, until every stdio request read so far is answered (none without stdio): after a
     * failed start-up, so that the requests refused for it have their answers out before the process exits.
     */
    public boolean awaitStdioAnswers(Duration bound) throws InterruptedException {
        StdioTransport transport = stdio;
        return transport == null || transport.awaitAnswered(bound);
    }

    /**
     * The Streamable HTTP endpoint, to mount at {@code /mcp}: Origin and Host checked by {@code security}, the
     * MCP-Protocol-Version header checked, every message checked as stdio checks it, requests and sessions capped
     * by {@code limits} (in all and per client address), idle sessions closed, and no Java internals in any error
     * body.
     */
    public HttpServlet streamableHttp(McpHttpSecurity security, McpHttpLimits limits) {
        var securityHeaders = security.validator();
        var protocolVersion = new ProtocolVersionHeader();
        ServerHttpHeaderValidator headerRules = headers -> {
            securityHeaders.validate(headers);
            protocolVersion.validate(headers);
        };
        var transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(jsonMapper)
                .mcpEndpoint(McpHttpEndpoint.PATH)
                .httpHeaderValidator(headerRules)
                .maxRequestSize(MAX_MESSAGE_BYTES)
                .keepAliveInterval(KEEP_ALIVE)
                .sessionSweepInterval(limits.idleTimeout().dividedBy(2))
                .build();
        var sessions = new McpHttpSessions(limits, System::nanoTime);
        McpAsyncServer server = configure(McpServer.async(new SessionTrackingTransport(transport, sessions))).build();
        servers.add(server);
        notifications.serve(server, sessions);
        return new McpHttpEndpoint(transport, sessions, new McpHttpInbound(jsonMapper, headerRules, MAX_MESSAGE_BYTES),
                new RequestGuard(jsonMapper), new HttpOperations(observer, System::nanoTime),
                limits.maxConcurrentRequests(), modern.http(limits.maxSessions(), new ListenAdmission(sessions, transport)),
                directCalls, jsonMapper);
    }

    /**
     * Ends every MCP 2026-07-28 listen stream gracefully (each gets the answer to its listen request): call before
     * the web server stops, which would otherwise wait for them as for any request in flight.
     */
    public void endStreams() {
        modern.close();
    }

    /** Closes every server: open sessions end, and no more notifications are sent. */
    @Override
    public void close() {
        notifications.close();
        modern.close();
        for (McpAsyncServer server : servers) {
            try {
                server.closeGracefully().block(CLOSE_TIMEOUT);
            } catch (RuntimeException e) {
                log.warn("An MCP server did not close cleanly: {}", e.toString());
            }
        }
        servers.clear();
    }

    /** What both revisions announce: to 2025-11-25 in initialize, to 2026-07-28 in server/discover. */
    static ServerCapabilities capabilities() {
        return ServerCapabilities.builder()
                .tools(false)
                .resources(true, false)
                .prompts(false)
                .completions()
                .logging()
                .extensions(Map.of(AppDefinitions.EXTENSION_ID, AppDefinitions.EXTENSION_SETTINGS))
                .build();
    }

    private McpServer.AsyncSpecification<?> configure(McpServer.AsyncSpecification<?> specification) {
        return specification
                .serverInfo(SERVER_NAME, version)
                .instructions(INSTRUCTIONS)
                .capabilities(capabilities())
                .jsonMapper(jsonMapper)
                .jsonSchemaValidator(resultValidator)
                // The operations validate every argument and answer a violation with our error envelope; the
                // SDK's own schema check would answer a bare text error before they could.
                .validateToolInputs(false)
                .tools(tools)
                .resources(Stream.concat(features.resources().resources().stream(), Stream.of(features.app().resource()))
                        .toList())
                .resourceTemplates(features.resources().templates())
                .prompts(features.prompts().specifications())
                .completions(features.completions().specifications());
    }
}
