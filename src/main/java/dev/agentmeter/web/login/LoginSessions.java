package dev.agentmeter.web.login;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's login sessions: a browser that showed the token once gets a random 256-bit id (in an
 * HttpOnly cookie) that stands for the token until it expires or the user logs out. Ids live only here,
 * so a restart logs everyone out. At most {@code maxSessions} are kept: a new login first drops expired
 * ones, then the one closest to expiry, so logging in again and again cannot grow memory.
 *
 * <p>Thread-safe.
 */
public final class LoginSessions {

    private static final int ID_BYTES = 32;

    private final Clock clock;
    private final Duration lifetime;
    private final int maxSessions;
    private final SecureRandom random = new SecureRandom();
    // Written by login and logout requests, read by every request that carries a cookie.
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();

    public LoginSessions(Clock clock, Duration lifetime, int maxSessions) {
        this.clock = clock;
        this.lifetime = lifetime;
        this.maxSessions = maxSessions;
    }

    Duration lifetime() {
        return lifetime;
    }

    /** Opens a session; its id. */
    String open() {
        Instant now = clock.instant();
        makeRoom(now);
        byte[] bytes = new byte[ID_BYTES];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        expiries.put(id, now.plus(lifetime));
        return id;
    }

    boolean isValid(String id) {
        if (id == null) {
            return false;
        }
        Instant expiry = expiries.get(id);
        if (expiry == null) {
            return false;
        }
        if (!clock.instant().isBefore(expiry)) {
            expiries.remove(id, expiry);
            return false;
        }
        return true;
    }

    void close(String id) {
        if (id != null) {
            expiries.remove(id);
        }
    }

    int size() {
        return expiries.size();
    }

    private void makeRoom(Instant now) {
        if (expiries.size() < maxSessions) {
            return;
        }
        expiries.values().removeIf(expiry -> !now.isBefore(expiry));
        while (expiries.size() >= maxSessions) {
            Optional<Map.Entry<String, Instant>> soonest = expiries.entrySet().stream()
                    .min(Map.Entry.comparingByValue(Comparator.naturalOrder()));
            soonest.ifPresent(entry -> expiries.remove(entry.getKey(), entry.getValue()));
        }
    }
}
