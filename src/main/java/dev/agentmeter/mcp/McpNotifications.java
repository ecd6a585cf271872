package dev.agentmeter.mcp;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agentmeter.operations.PerformanceOperations;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.spec.McpLoggableSession;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.LoggingMessageNotification;
import io.modelcontextprotocol.spec.McpSchema.ResourcesUpdatedNotification;

/**
 * Tells MCP clients what changed, on a steady tick ({@link #TICK}) of its own thread: first the log messages of
 * {@link LogMessages} to every session whose level lets them through, then one resource update per changed URI
 * from {@link ResourceUpdates} (the SDK sends it to the sessions subscribed to that URI, and the 2026-07-28 listen
 * streams hear the same URIs). Recording threads only
 * flag changes, so a burst of tasks costs them nothing and each subscriber hears at most four updates a second.
 *
 * <p>Thread-safe.
 */
final class McpNotifications implements AutoCloseable {

    static final Duration TICK = Duration.ofMillis(250);

    private static final Logger log = LoggerFactory.getLogger(McpNotifications.class);

    private final PerformanceOperations operations;
    private final ResourceUpdates updates;
    private final LogMessages logs;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        var thread = new Thread(runnable, "agentmeter-mcp-notify");
        thread.setDaemon(true);
        return thread;
    });
    // Added to by the wiring thread (and by the thread that starts HTTP, on its first connection), read by the ticker.
    private final List<McpAsyncServer> servers = new CopyOnWriteArrayList<>();
    private final List<LiveSessions> sessions = new CopyOnWriteArrayList<>();
    private final List<Consumer<List<String>>> forwards = new CopyOnWriteArrayList<>();

    /** Listens to {@code operations} once {@code figuresReady} completes: the tasks rebuilt before are not news. */
    McpNotifications(PerformanceOperations operations, CompletionStage<?> figuresReady) {
        this.operations = operations;
        this.updates = new ResourceUpdates(operations::taskNames);
        this.logs = new LogMessages(System::currentTimeMillis);
        figuresReady.thenRun(this::listen);
    }

    private synchronized void listen() {
        if (ticker.isShutdown()) {
            return; // closed before the figures were ready
        }
        operations.addEventListener(updates);
        operations.addEventListener(logs);
        ticker.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends the updates of {@code server}'s subscribers and log messages to {@code serverSessions}. */
    void serve(McpAsyncServer server, LiveSessions serverSessions) {
        servers.add(server);
        sessions.add(serverSessions);
    }

    /** Hands {@code listener} the URIs changed in each tick (empty when none), for the 2026-07-28 listen streams. */
    void forward(Consumer<List<String>> listener) {
        forwards.add(listener);
    }

    /** Stops listening and ticking; what has not been sent yet is dropped. */
    @Override
    public synchronized void close() {
        operations.removeEventListener(updates);
        operations.removeEventListener(logs);
        ticker.shutdownNow();
        servers.clear();
        sessions.clear();
        forwards.clear();
    }

    private void tick() {
        try {
            List<LoggingMessageNotification> messages = logs.drain();
            if (!messages.isEmpty()) {
                sessions.forEach(live -> live.forEach(session -> messages.forEach(message -> send(session, message))));
            }
            List<String> changed = updates.drain();
            forwards.forEach(listener -> listener.accept(changed));
            for (String uri : changed) {
                var notification = new ResourcesUpdatedNotification(uri);
                servers.forEach(server -> server.notifyResourcesUpdated(notification)
                        .subscribe(null, fault -> log.debug("Update of {} not sent: {}", uri, fault.toString())));
            }
        } catch (RuntimeException e) {
            log.error("MCP notifications could not be sent", e);
        }
    }

    private static void send(McpLoggableSession session, LoggingMessageNotification message) {
        if (session.isNotificationForLevelAllowed(message.level())) {
            session.sendNotification(McpSchema.METHOD_NOTIFICATION_MESSAGE, message)
                    .subscribe(null, fault -> log.debug("A log message was not sent: {}", fault.toString()));
        }
    }
}
