package dev.agentmeter.web.login;

import java.time.Duration;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Slows down guessing the token at the login page, per client address, without holding a thread. The first
 * {@value #FREE_FAILURES} failures in a row cost nothing (a person mistypes); after each further one the
 * address must wait before its next attempt is looked at (1 s, doubling with each failure, at most
 * {@value #MAX_WAIT_SECONDS} s), and an attempt that comes earlier is refused at once. A login that succeeds
 * clears the address, and so do {@value #FORGET_AFTER_MINUTES} minutes without a failure. At most
 * {@code maxClients} addresses are kept: forgotten ones go first, then the one whose last failure is oldest,
 * so many addresses cannot grow memory.
 *
 * <p>Thread-safe.
 */
public final class LoginFailures {

    public static final int FREE_FAILURES = 5;
    static final long MAX_WAIT_SECONDS = 60;
    static final long FORGET_AFTER_MINUTES = 10;

    /** Whether an attempt may be looked at now, and if not how long until it may. */
    sealed interface Decision permits Allowed, Wait {
    }

    record Allowed() implements Decision {
    }

    /** @param retryAfterSeconds whole seconds until the next attempt is looked at */
    record Wait(long retryAfterSeconds) implements Decision {
    }

    /** A failure as counted: how many in a row from its address, and how long that address must now wait (0: not). */
    record Counted(int inARow, long waitSeconds) {
    }

    /** The failures in a row of one address, when the last was, and until when it must wait. */
    private record Penalty(int failures, long lastFailureNanos, long waitUntilNanos) {
    }

    private static final Allowed ALLOWED = new Allowed();

    private final int maxClients;
    private final LongSupplier nanoTime;
    // Written and read by login requests.
    private final Map<String, Penalty> penalties = new ConcurrentHashMap<>();

    public LoginFailures(int maxClients, LongSupplier nanoTime) {
        this.maxClients = maxClients;
        this.nanoTime = nanoTime;
    }

    /** Whether {@code address} may try now. */
    Decision check(String address) {
        Penalty penalty = penalties.get(address);
        long now = nanoTime.getAsLong();
        if (penalty == null || now - penalty.waitUntilNanos() >= 0) {
            return ALLOWED;
        }
        return new Wait(Math.max(1, ceilSeconds(penalty.waitUntilNanos() - now)));
    }

    /** Counts a failed login of {@code address}. */
    Counted failed(String address) {
        long now = nanoTime.getAsLong();
        if (!penalties.containsKey(address) && penalties.size() >= maxClients) {
            makeRoom(now);
        }
        Penalty penalty = penalties.compute(address, (key, before) -> {
            int failures = before == null || forgotten(before, now) ? 1 : before.failures() + 1;
            long waitSeconds = failures <= FREE_FAILURES ? 0
                    : Math.min(MAX_WAIT_SECONDS, 1L << Math.min(failures - FREE_FAILURES - 1, 30));
            return new Penalty(failures, now, now + TimeUnit.SECONDS.toNanos(waitSeconds));
        });
        return new Counted(penalty.failures(), ceilSeconds(penalty.waitUntilNanos() - now));
    }

    /** A successful login: the address starts afresh. */
    void succeeded(String address) {
        penalties.remove(address);
    }

    /** Addresses kept now. */
    int trackedClients() {
        return penalties.size();
    }

    private void makeRoom(long now) {
        for (Iterator<Penalty> it = penalties.values().iterator(); it.hasNext(); ) {
            if (forgotten(it.next(), now)) {
                it.remove();
            }
        }
        if (penalties.size() >= maxClients) {
            penalties.entrySet().stream().min(Comparator.comparingLong(entry -> entry.getValue().lastFailureNanos()))
                    .ifPresent(oldest -> penalties.remove(oldest.getKey(), oldest.getValue()));
        }
    }

    private static boolean forgotten(Penalty penalty, long now) {
        return now - penalty.lastFailureNanos() >= TimeUnit.MINUTES.toNanos(FORGET_AFTER_MINUTES);
    }

    private static long ceilSeconds(long nanos) {
        return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }
}
