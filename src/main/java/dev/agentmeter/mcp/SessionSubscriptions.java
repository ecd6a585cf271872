package dev.agentmeter.mcp;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The resources one session is subscribed to, bounded: at most {@value #MAX_SUBSCRIPTIONS}, each URI at most
 * {@value #MAX_URI_LENGTH} characters, so a session's subscriptions hold at most about 200 KiB however it asks.
 * The SDK keeps the subscriptions themselves; this counts them before it does, so that it is never asked to keep
 * more.
 *
 * <p>Thread-safe: a session's requests may run at once.
 */
public final class SessionSubscriptions {

    static final int MAX_SUBSCRIPTIONS = 100;
    static final int MAX_URI_LENGTH = 2048;

    // Guarded by this.
    private final Set<String> uris = new HashSet<>();

    /** Subscribes to {@code uri} (again, which changes nothing); the refusal's message when it may not. */
    synchronized Optional<String> subscribe(String uri) {
        if (uri.length() > MAX_URI_LENGTH) {
            return Optional.of("Invalid params: a resource URI may be at most " + MAX_URI_LENGTH + " characters, this "
                    + "one has " + uri.length());
        }
        if (!uris.contains(uri) && uris.size() >= MAX_SUBSCRIPTIONS) {
            return Optional.of("Invalid params: a session may hold at most " + MAX_SUBSCRIPTIONS + " subscriptions; "
                    + "unsubscribe from one first");
        }
        uris.add(uri);
        return Optional.empty();
    }

    synchronized void unsubscribe(String uri) {
        uris.remove(uri);
    }

    synchronized int size() {
        return uris.size();
    }
}
