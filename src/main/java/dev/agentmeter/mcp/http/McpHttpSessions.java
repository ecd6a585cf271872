package dev.agentmeter.mcp.http;

import java.util.Comparator;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import dev.agentmeter.mcp.LiveSessions;
import dev.agentmeter.mcp.SessionSubscriptions;

import io.modelcontextprotocol.spec.McpLoggableSession;

/**
 * The Streamable HTTP sessions open right now, and the gate every new one passes. The SDK's transport keeps its
 * sessions to itself, so this registry mirrors them: an {@code initialize} is {@link #admit admitted} (a place
 * reserved) before the SDK sees it, the session the SDK then starts takes that place ({@link #started}), each
 * request that names it touches it, and it is removed when a DELETE ends it, when the SDK no longer knows it (404),
 * once it has been idle (no request, no open stream) for the idle timeout (by when the SDK's own sweep has closed
 * it), or when a newcomer takes its place.
 *
 * <p>Admission enforces {@link McpHttpLimits}: at most {@code maxSessions} in all and {@code maxSessionsPerAddress}
 * per client address, counting places reserved for initializes in progress. At either bound the session idle
 * longest (of that address, or of all) is closed to make room, if it has been idle for {@code evictableAfter};
 * otherwise the newcomer is refused. So one client can neither grow the table nor keep everyone else out for
 * longer than its sessions stay busy.
 *
 * <p>Thread-safe: admissions and starts are serialised (short, no I/O); entries live in a concurrent map and each
 * entry's fields are atomics or volatile.
 */
public final class McpHttpSessions implements LiveSessions {

    /** What became of an initialize. */
    sealed interface Admission permits Admitted, Refused {
    }

    /** A place is reserved for it; {@code evicted} names a session closed to make room, which the SDK must forget. */
    record Admitted(Place place, Optional<String> evicted) implements Admission {
    }

    /** No place: {@code reason} is {@link McpHttpErrors#TOO_MANY_SESSIONS} or {@link McpHttpErrors#TOO_MANY_FROM_ADDRESS}. */
    record Refused(String reason) implements Admission {
    }

    /** A place reserved for one initialize, until its session starts or the initialize is over. */
    static final class Place {
        private final String address;

        private Place(String address) {
            this.address = address;
        }
    }

    private final McpHttpLimits limits;
    private final LongSupplier nanoTime;
    // Added to by started (under this), touched and removed by request threads and the notifying thread.
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    // Guarded by this: places of initializes in progress.
    private final Set<Place> reserved = new HashSet<>();
    // Set by the request thread around the SDK's handling of an admitted initialize, read by started on that thread.
    private final ThreadLocal<Place> admitting = new ThreadLocal<>();

    public McpHttpSessions(McpHttpLimits limits, LongSupplier nanoTime) {
        this.limits = limits;
        this.nanoTime = nanoTime;
    }

    /** An initialize from {@code address} asks for a place. */
    synchronized Admission admit(String address) {
        expireIdle();
        Optional<String> evicted = Optional.empty();
        if (count(address::equals) >= limits.maxSessionsPerAddress()) {
            evicted = evictIdlest(entry -> entry.address.equals(address));
            if (evicted.isEmpty()) {
                return new Refused(McpHttpErrors.TOO_MANY_FROM_ADDRESS);
            }
        } else if (count(any -> true) >= limits.maxSessions()) {
            evicted = evictIdlest(entry -> true);
            if (evicted.isEmpty()) {
                return new Refused(McpHttpErrors.TOO_MANY_SESSIONS);
            }
        }
        var place = new Place(address);
        reserved.add(place);
        return new Admitted(place, evicted);
    }

    /** The SDK will start the session of {@code place} on this thread, if it starts one. */
    void startingOnThisThread(Place place) {
        admitting.set(place);
    }

    /** The SDK started session {@code id} on this thread: it takes the place admitted for it. */
    synchronized void started(String id, McpLoggableSession session) {
        Place place = admitting.get();
        if (place == null || !reserved.remove(place)) {
            throw new IllegalStateException("an MCP session started without a place admitted for it");
        }
        admitting.remove();
        entries.put(id, new Entry(session, place.address, nanoTime.getAsLong()));
    }

    /** The initialize of {@code place} is over: its place is given back unless its session took it. */
    synchronized void release(Place place) {
        reserved.remove(place);
        admitting.remove();
    }

    /** The session {@code id}, if it is open. */
    Optional<Entry> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(entries.get(id));
    }

    /** A request naming {@code id} (null when it names none) starts; a GET's stream stays open until it ends. */
    void opened(String id) {
        find(id).ifPresent(entry -> {
            entry.openRequests.incrementAndGet();
            entry.lastActivityNanos = nanoTime.getAsLong();
        });
    }

    /** A request or stream opened by {@link #opened} is over. */
    void closed(String id) {
        find(id).ifPresent(entry -> {
            entry.openRequests.decrementAndGet();
            entry.lastActivityNanos = nanoTime.getAsLong();
        });
    }

    /** Session {@code id} is gone: deleted by its client, or unknown to the SDK. */
    void ended(String id) {
        if (id != null) {
            entries.remove(id);
        }
    }

    int size() {
        expireIdle();
        return entries.size();
    }

    @Override
    public void forEach(Consumer<McpLoggableSession> action) {
        expireIdle();
        entries.values().forEach(entry -> action.accept(entry.session));
    }

    private long count(Predicate<String> address) {
        return entries.values().stream().filter(entry -> address.test(entry.address)).count()
                + reserved.stream().filter(place -> address.test(place.address)).count();
    }

    private Optional<String> evictIdlest(Predicate<Entry> among) {
        long now = nanoTime.getAsLong();
        long evictableAfter = limits.evictableAfter().toNanos();
        Optional<String> idlest = entries.entrySet().stream()
                .filter(open -> among.test(open.getValue()) && open.getValue().idleFor(now) >= evictableAfter)
                .min(Comparator.comparingLong(open -> open.getValue().lastActivityNanos))
                .map(java.util.Map.Entry::getKey);
        idlest.ifPresent(entries::remove);
        return idlest;
    }

    private void expireIdle() {
        long now = nanoTime.getAsLong();
        long timeout = limits.idleTimeout().toNanos();
        entries.values().removeIf(entry -> entry.idleFor(now) >= timeout);
    }

    /** One open session: the SDK's session, whose client it is, and how busy it is. */
    static final class Entry {
        final McpLoggableSession session;
        final String address;
        final SessionSubscriptions subscriptions = new SessionSubscriptions();
        // Requests and GET streams in progress: changed by request threads and stream listeners.
        final AtomicInteger openRequests = new AtomicInteger();
        // Written by request threads and stream listeners, read by whoever expires or evicts entries.
        volatile long lastActivityNanos;

        Entry(McpLoggableSession session, String address, long startedNanos) {
            this.session = session;
            this.address = address;
            this.lastActivityNanos = startedNanos;
        }

        /** How long it has been idle at {@code now}; never idle while a request or stream is open. */
        long idleFor(long now) {
            return openRequests.get() > 0 ? Long.MIN_VALUE : now - lastActivityNanos;
        }
    }
}
