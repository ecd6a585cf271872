package dev.agentmeter.mcp.stdio;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agentmeter.mcp.DirectToolCalls;
import dev.agentmeter.mcp.JsonRpcErrors;
import dev.agentmeter.mcp.JsonRpcLines;
import dev.agentmeter.mcp.LiveSessions;
import dev.agentmeter.mcp.McpProtocolVersions;
import dev.agentmeter.mcp.RequestGuard;
import dev.agentmeter.mcp.SessionSubscriptions;
import dev.agentmeter.mcp.stateless.StatelessFrontEnd;
import dev.agentmeter.mcp.stateless.StatelessStdio;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpLoggableSession;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import reactor.core.publisher.Mono;

/**
 * MCP over stdin and stdout for the one client that started this process: newline-delimited JSON-RPC, stdout
 * carrying protocol lines only. Unlike the SDK's {@code StdioServerTransportProvider}, which ends the session
 * at the first line it cannot parse, a line that is not JSON, not JSON-RPC, or longer than the limit is answered
 * with a JSON-RPC error, and the next line is served.
 *
 * <p>Every request passes the {@link RequestGuard} first, as over HTTP, so both transports answer it alike; one in
 * the MCP 2026-07-28 form goes to the stateless front end instead, beside the session, under the same bound.
 * At start-up, a request that reads or records figures then waits in the {@link FiguresGate} until they exist.
 *
 * <p>Threads: one reader ({@code agentmeter-stdio-in}) parses lines and hands each message to the session (a tool
 * call, once the client is initialized, to {@link DirectToolCalls}), which answer requests concurrently;
 * {@link StdioOutput} makes and writes every outgoing line. Memory stays bounded when the client does not read
 * stdout: at most {@value #MAX_IN_FLIGHT} lines that need an answer are in flight or waiting to be written (the
 * reader's own error answers included); beyond that the reader stops reading stdin until the client reads
 * ({@link AnswersOwed}). When stdin ends, the requests in flight are answered (for at most
 * {@link #DRAIN_TIMEOUT}), then {@code onClosed} runs. A fatal error on the reader or the writer ends the process
 * with {@link FatalErrors#EXIT_CODE}.
 *
 * <p>Thread-safe.
 */
public final class StdioTransport implements McpServerTransportProvider, LiveSessions {

    public static final int MAX_IN_FLIGHT = 1024;
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(StdioTransport.class);

    private final InputStream stdin;
    private final StdioOutput output;
    private final int maxLineBytes;
    private final Runnable onClosed;
    private final JsonRpcLines lines;
    private final RequestGuard guard;
    private final StdioOperations operations;
    private final SessionSubscriptions subscriptions = new SessionSubscriptions();
    private final StatelessStdio modern; // for messages that carry their own protocol version (2026-07-28)
    private final AnswersOwed owed;
    // Set once by setSessionFactory before the reader starts; read by the reader and by notifications.
    private volatile McpServerSession session;
    // Set by the reader when the client says it is initialized; read by whoever sends log messages.
    private volatile boolean initialized;
    private final DirectToolCalls directCalls;
    private final StdioSessionSide sessionSide;
    private final FiguresGate figures;

    /** Requests that need the figures wait until {@code figuresReady} completes (see {@link FiguresGate}). */
    public StdioTransport(McpJsonMapper jsonMapper, InputStream stdin, OutputStream stdout, int maxLineBytes,
                          Runnable onClosed, StatelessFrontEnd modern, StdioOperations operations,
                          DirectToolCalls directCalls, CompletionStage<?> figuresReady) {
        this.stdin = stdin;
        this.output = new StdioOutput(stdout);
        this.owed = new AnswersOwed(MAX_IN_FLIGHT, output);
        this.maxLineBytes = maxLineBytes;
        this.onClosed = onClosed;
        this.lines = new JsonRpcLines(jsonMapper);
        this.guard = new RequestGuard(jsonMapper);
        this.operations = operations;
        this.modern = modern.stdio(new StdioModernLines(owed, output));
        this.directCalls = directCalls;
        this.sessionSide = new StdioSessionSide(jsonMapper, output, operations);
        this.figures = new FiguresGate(figuresReady);
    }

    /** Every version the SDK's server speaks; the SDK's own stdio provider advertises only 2024-11-05. */
    @Override
    public List<String> protocolVersions() {
        return McpProtocolVersions.SUPPORTED;
    }

    /** Creates the one session and starts reading stdin. */
    @Override
    public void setSessionFactory(McpServerSession.Factory sessionFactory) {
        if (session != null) {
            throw new IllegalStateException("stdio serves exactly one session");
        }
        session = sessionFactory.create(sessionSide);
        var reader = new Thread(this::readUntilEnd, "agentmeter-stdio-in");
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        McpServerSession current = session;
        return current == null ? Mono.error(new IllegalStateException("no stdio session yet"))
                : current.sendNotification(method, params);
    }

    /** The one session, when {@code sessionId} is its id: how the SDK sends a resource update to a subscriber. */
    @Override
    public Mono<Void> notifyClient(String sessionId, String method, Object params) {
        McpServerSession current = session;
        return current == null || !current.getId().equals(sessionId) ? Mono.empty()
                : current.sendNotification(method, params);
    }

    /** The one session, once the client has said it is initialized. */
    @Override
    public void forEach(Consumer<McpLoggableSession> action) {
        McpServerSession current = session;
        if (current != null && initialized) {
            action.accept(current);
        }
    }

    @Override
    public Mono<Void> closeGracefully() {
        McpServerSession current = session;
        return current == null ? Mono.empty() : current.closeGracefully();
    }

    private void readUntilEnd() {
        var reader = new LineReader(stdin, maxLineBytes);
        try {
            for (var line = reader.next(); !(line instanceof LineReader.End); line = reader.next()) {
                accept(line);
            }
            log.debug("stdin ended");
        } catch (IOException e) {
            log.warn("stdin could not be read, so MCP over stdio ends: {}", e.toString());
        } catch (VirtualMachineError e) {
            FatalErrors.exit("the stdio reader", e);
        } finally {
            figures.awaitEmptied(); // within start-up's own bound: the held requests' answers are drained too
            owed.drain(DRAIN_TIMEOUT);
            onClosed.run();
        }
    }

    private void accept(LineReader.Line line) {
        try {
            if (line instanceof LineReader.TooLong tooLong) {
                log.warn("Skipped a stdin line of {} bytes (the limit is {})", tooLong.bytes(), maxLineBytes);
                answer(JsonRpcLines.tooLong(tooLong.bytes(), maxLineBytes));
                return;
            }
            var inbound = lines.read(((LineReader.Bytes) line).bytes());
            if (inbound instanceof JsonRpcLines.Rejected rejected) {
                answer(rejected.response());
            } else if (inbound instanceof JsonRpcLines.Message message) {
                JSONRPCMessage accepted = message.message();
                if (StatelessStdio.claims(accepted)) {
                    serve(accepted, modern::accept); // MCP 2026-07-28: answered on its own, beside the session
                    return;
                }
                if (accepted instanceof JSONRPCNotification notification && !guard.forwards(notification)) {
                    log.debug("Dropped an MCP notification nothing here acts on: {}", notification.method());
                    return;
                }
                if (accepted instanceof JSONRPCRequest request) {
                    var verdict = guard.examine(request, subscriptions);
                    if (verdict instanceof RequestGuard.Refuse refuse) {
                        operations.refused(request, refuse.response());
                        answer(refuse.response());
                        return;
                    }
                    accepted = ((RequestGuard.Pass) verdict).request();
                    operations.started((JSONRPCRequest) accepted);
                }
                serve(accepted, this::dispatch);
            }
        } catch (RuntimeException e) {
            log.error("A stdin line could not be handled", e);
        }
    }

    /** Hands {@code message} on; one that needs the figures passes the gate first, or is refused with its reason. */
    private void serve(JSONRPCMessage message, Consumer<JSONRPCMessage> handOn) {
        if (!FiguresGate.needsFigures(message)) {
            handOn.accept(message);
            return;
        }
        var request = (JSONRPCRequest) message;
        figures.admit(() -> handOn.accept(request), reason -> {
            String error = JsonRpcErrors.response(request.id(), JsonRpcErrors.INTERNAL_ERROR, reason);
            operations.refused(request, error);
            answer(error);
        });
    }

    /**
     * Waits, at most {@code bound}, until every request read so far is answered on stdout (a permit comes back once
     * its answer is written): a start-up that failed gets its refusals out before the process exits.
     */
    public boolean awaitAnswered(Duration bound) throws InterruptedException {
        return figures.isEmptied() && owed.awaitAllWritten(bound);
    }

    /** Writes an answer of our own; the reader waits while {@value #MAX_IN_FLIGHT} answers are not out yet. */
    private void answer(String json) {
        owed.answer(json);
    }

    /** To the session; a tool call once the client is initialized straight to its tool ({@link DirectToolCalls}). */
    private void dispatch(JSONRPCMessage message) {
        if (message instanceof JSONRPCNotification notification
                && McpSchema.METHOD_NOTIFICATION_INITIALIZED.equals(notification.method())) {
            initialized = true;
        }
        owed.take();
        Mono<Void> handled = initialized && message instanceof JSONRPCRequest request && DirectToolCalls.serves(request)
                ? directCalls.answerLater(request).flatMap(sessionSide::sendMadeByWriter)
                : Mono.defer(() -> session.handle(message));
        handled.doFinally(signal -> owed.giveBack())
                .subscribe(null, fault -> log.warn("An MCP message could not be handled: {}", fault.toString()));
    }
}
