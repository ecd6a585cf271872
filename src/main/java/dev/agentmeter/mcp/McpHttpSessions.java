package dev.agentmeter.mcp;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import io.modelcontextprotocol.spec.McpLoggableSession;

/**
 * The Streamable HTTP sessions open right now. The SDK's transport keeps its sessions to itself, so this
 * registry mirrors them: a session is added when the SDK starts it, touched by each request that names it, and
 * removed when a DELETE ends it, when the SDK no longer knows it (404), or once it has been idle (no request,
 * no open stream) for the idle timeout, by when the SDK's own sweep has closed it. It tells how many there are,
 * for the cap on sessions, and which they are, for log messages.
 *
 * <p>Thread-safe: entries live in a concurrent map; each entry's fields are atomics or volatile.
 */
final class McpHttpSessions implements LiveSessions {

    private final int maxSessions;
    private final long idleTimeoutNanos;
    private final LongSupplier nanoTime;
    // Added to by the SDK's initialize handling, touched and removed by request threads and the notifying thread.
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    McpHttpSessions(int maxSessions, Duration idleTimeout, LongSupplier nanoTime) {
        this.maxSessions = maxSessions;
        this.idleTimeoutNanos = idleTimeout.toNanos();
        this.nanoTime = nanoTime;
    }

    /** The SDK started session {@code id}. */
    void started(String id, McpLoggableSession session) {
        entries.put(id, new Entry(session, nanoTime.getAsLong()));
    }

    /** A request naming {@code id} (null when it names none) starts; a GET's stream stays open until it ends. */
    void opened(String id) {
        Entry entry = id == null ? null : entries.get(id);
        if (entry != null) {
            entry.openRequests.incrementAndGet();
            entry.lastActivityNanos = nanoTime.getAsLong();
        }
    }

    /** A request or stream opened by {@link #opened} is over. */
    void closed(String id) {
        Entry entry = id == null ? null : entries.get(id);
        if (entry != null) {
            entry.openRequests.decrementAndGet();
            entry.lastActivityNanos = nanoTime.getAsLong();
        }
    }

    /** Session {@code id} is gone: deleted by its client, or unknown to the SDK. */
    void ended(String id) {
        if (id != null) {
            entries.remove(id);
        }
    }

    /** Whether a new session would go beyond the cap. */
    boolean full() {
        expireIdle();
        return entries.size() >= maxSessions;
    }

    int size() {
        return entries.size();
    }

    @Override
    public void forEach(Consumer<McpLoggableSession> action) {
        expireIdle();
        entries.values().forEach(entry -> action.accept(entry.session));
    }

    private void expireIdle() {
        long now = nanoTime.getAsLong();
        entries.values().removeIf(entry -> entry.openRequests.get() <= 0
                && now - entry.lastActivityNanos >= idleTimeoutNanos);
    }

    private static final class Entry {
        final McpLoggableSession session;
        // Requests and GET streams in progress: changed by request threads and stream listeners.
        final AtomicInteger openRequests = new AtomicInteger();
        // Written by request threads and stream listeners, read by whoever expires entries.
        volatile long lastActivityNanos;

        Entry(McpLoggableSession session, long startedNanos) {
            this.session = session;
            this.lastActivityNanos = startedNanos;
        }
    }
}
