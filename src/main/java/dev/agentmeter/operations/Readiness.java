package dev.agentmeter.operations;

import java.util.Objects;

/**
 * Whether the server can do its whole job right now: ready, or not ready for a reason a person can act on
 * (the database is unreachable, the disk is full). Liveness is another matter: a server that is not ready
 * still answers and still records in memory.
 *
 * @param ready  true when every part works
 * @param reason why it is not ready; {@code null} when it is
 */
public record Readiness(boolean ready, String reason) {

    /** Every part works. */
    public static final Readiness READY = new Readiness(true, null);

    public Readiness {
        if (ready && reason != null) {
            throw new IllegalArgumentException("a ready state has no reason");
        }
        if (!ready) {
            Objects.requireNonNull(reason, "reason");
        }
    }

    public static Readiness notReady(String reason) {
        return new Readiness(false, reason);
    }
}
