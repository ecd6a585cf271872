package dev.agentmeter.storage.postgres;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps this instance's memory and the shared database agreeing about resets. Memory forgets every task at a
 * reset (its own at once, another instance's when the follower applies it); the database forgets every task
 * committed before the reset's row. A task recorded into memory before this instance applied a reset, but
 * committed after that reset, would be in the database and not in memory. So each task carries the memory
 * epoch it was recorded in, and the writer drops a task whose epoch is older than the newest reset in the
 * database, just as that reset would have: the picture stays one on every instance.
 *
 * <p>Thread-safe. The epoch moves only while the recorder holds every recording thread out (a local reset, or
 * another instance's reset being applied); appends read it while recording, so each task's epoch is the one of
 * the memory it went into.
 */
final class ResetEpochs {

    /** The newest reset memory has applied ({@code resetId} in the fleet's order) and the epoch it began. */
    record Applied(long resetId, int epoch) {
    }

    // Moved by local resets and by the follower, under the recorder's exclusive lock; read by appends.
    private final AtomicInteger memoryEpoch = new AtomicInteger();
    // Local resets queued and not yet committed: raised by clear(), lowered by the writer.
    private final AtomicInteger pendingLocalResets = new AtomicInteger();
    // Raised by the writer (its own resets, once committed) and the follower (others'); read by both.
    private final AtomicReference<Applied> applied;

    /** Memory rebuilt from a database whose newest reset is {@code latestResetId} (0 for none). */
    ResetEpochs(long latestResetId) {
        applied = new AtomicReference<>(new Applied(latestResetId, 0));
    }

    /** The epoch of tasks recorded now. */
    int current() {
        return memoryEpoch.get();
    }

    /** Memory was reset here and the reset is queued; returns the epoch that begins with it. */
    int localResetQueued() {
        pendingLocalResets.incrementAndGet();
        return memoryEpoch.incrementAndGet();
    }

    /**
     * The local reset that began {@code epoch} committed as {@code resetId}, or never will (a {@code resetId} of
     * 0, or one below what memory has since applied).
     */
    void localResetDone(long resetId, int epoch) {
        applied.accumulateAndGet(new Applied(resetId, epoch), (old, now) -> now.resetId() > old.resetId() ? now : old);
        pendingLocalResets.decrementAndGet();
    }

    /**
     * Whether a local reset waits to be committed: until it is, nothing from others is folded into memory, since
     * memory has already forgotten what that reset will delete and the reset's place in the order is unknown.
     */
    boolean localResetPending() {
        return pendingLocalResets.get() > 0;
    }

    /** Whether another instance's reset {@code resetId} is newer than what memory has applied. */
    boolean isNew(long resetId) {
        return resetId > applied.get().resetId();
    }

    /** Another instance's reset was applied to memory; call while recording is held out. */
    void remoteResetApplied(long resetId) {
        applied.set(new Applied(resetId, memoryEpoch.incrementAndGet()));
    }

    /** Rows at or below this place in the order are from before the reset memory applied last. */
    long floorId() {
        return applied.get().resetId();
    }

    /** Tasks of an epoch below this are stale when {@code latestResetId} is the newest reset in the database. */
    int staleBelow(long latestResetId) {
        Applied now = applied.get();
        return latestResetId > now.resetId() ? Integer.MAX_VALUE : now.epoch();
    }
}
