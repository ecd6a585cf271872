package dev.agentmeter.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpLoggableSession;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import reactor.core.publisher.Mono;

/**
 * MCP over stdin and stdout for the one client that started this process: newline-delimited JSON-RPC, stdout
 * carrying protocol lines only. Unlike the SDK's {@code StdioServerTransportProvider}, which ends the session
 * at the first line it cannot parse, a line that is not JSON, not JSON-RPC, or longer than the limit is answered
 * with a JSON-RPC error, and the next line is served.
 *
 * <p>Threads: one reader ({@code agentmeter-stdio-in}) parses lines and hands each message to the session,
 * which answers requests concurrently, at most {@value #MAX_IN_FLIGHT} at once (beyond that the reader waits);
 * one writer ({@code agentmeter-stdio-out}) writes every outgoing line, so lines never interleave. When stdin
 * ends, the requests in flight are answered (for at most {@link #DRAIN_TIMEOUT}), then {@code onClosed} runs.
 *
 * <p>Thread-safe.
 */
public final class StdioTransport implements McpServerTransportProvider, LiveSessions {

    static final int MAX_IN_FLIGHT = 1024;
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(StdioTransport.class);

    private final McpJsonMapper jsonMapper;
    private final InputStream stdin;
    private final OutputStream stdout;
    private final int maxLineBytes;
    private final Runnable onClosed;
    private final JsonRpcLines lines;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
        var thread = new Thread(runnable, "agentmeter-stdio-out");
        thread.setDaemon(true);
        return thread;
    });
    // A permit per request being handled: taken by the reader, given back by whichever thread finishes it.
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    // Set once by setSessionFactory before the reader starts; read by the reader and by notifications.
    private volatile McpServerSession session;
    // Set by the reader when the client says it is initialized; read by whoever sends log messages.
    private volatile boolean initialized;
    // Written and read by the writer thread only.
    private boolean stdoutClosed;

    public StdioTransport(McpJsonMapper jsonMapper, InputStream stdin, OutputStream stdout, int maxLineBytes,
                          Runnable onClosed) {
        this.jsonMapper = jsonMapper;
        this.stdin = stdin;
        this.stdout = stdout;
        this.maxLineBytes = maxLineBytes;
        this.onClosed = onClosed;
        this.lines = new JsonRpcLines(jsonMapper);
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
        session = sessionFactory.create(new SessionTransport());
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
        } finally {
            drain();
            onClosed.run();
        }
    }

    private void accept(LineReader.Line line) {
        try {
            if (line instanceof LineReader.TooLong tooLong) {
                log.warn("Skipped a stdin line of {} bytes (the limit is {})", tooLong.bytes(), maxLineBytes);
                writer.execute(() -> writeLine(JsonRpcLines.tooLong(tooLong.bytes(), maxLineBytes)));
                return;
            }
            var inbound = lines.read(((LineReader.Bytes) line).bytes());
            if (inbound instanceof JsonRpcLines.Rejected rejected) {
                writer.execute(() -> writeLine(rejected.response()));
            } else if (inbound instanceof JsonRpcLines.Message message) {
                dispatch(message.message());
            }
        } catch (RuntimeException e) {
            log.error("A stdin line could not be handled", e);
        }
    }

    private void dispatch(JSONRPCMessage message) {
        if (message instanceof JSONRPCNotification notification
                && McpSchema.METHOD_NOTIFICATION_INITIALIZED.equals(notification.method())) {
            initialized = true;
        }
        inFlight.acquireUninterruptibly();
        Mono.defer(() -> session.handle(message))
                .doFinally(signal -> inFlight.release())
                .subscribe(null, fault -> log.warn("An MCP message could not be handled: {}", fault.toString()));
    }

    /** Waits for the answers in flight, then for the writer to write them. */
    private void drain() {
        try {
            if (!inFlight.tryAcquire(MAX_IN_FLIGHT, DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("stdin ended while requests were still running; not waiting for them any longer");
            }
            writer.shutdown();
            if (!writer.awaitTermination(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("stdout did not take the last answers in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeLine(String json) {
        if (stdoutClosed) {
            return;
        }
        try {
            stdout.write((json + "\n").getBytes(StandardCharsets.UTF_8));
            stdout.flush();
        } catch (IOException e) {
            stdoutClosed = true;
            log.warn("stdout is closed; MCP answers are dropped from now on: {}", e.toString());
        }
    }

    /** The session's side: messages out through the writer thread. */
    private final class SessionTransport implements McpServerTransport {

        @Override
        public Mono<Void> sendMessage(JSONRPCMessage message) {
            return Mono.fromFuture(() -> CompletableFuture.runAsync(() -> writeLine(serialized(message)), writer));
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
            return jsonMapper.convertValue(data, typeRef);
        }

        /** Nothing to release: the reader ends with stdin, the writer once the last answer is out. */
        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }

        private String serialized(JSONRPCMessage message) {
            try {
                return jsonMapper.writeValueAsString(message);
            } catch (IOException e) {
                throw new UncheckedIOException("an MCP message could not be written as JSON", e);
            }
        }
    }
}
