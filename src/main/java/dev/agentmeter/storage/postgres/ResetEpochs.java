package dev.agentmeter.storage.postgres;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agentmeter.metrics.TaskRecord;

/**
 * Keeps this instance's memory and the shared database agreeing about resets. The database forgets every task
 * committed before a reset's row; memory forgets every task at a reset (its own at once, another instance's
 * when the follower applies it). So a task recorded here before the follower applied another instance's reset,
 * but committed after that reset, is in the database yet gone from memory. Each task therefore carries the
 * memory epoch it was recorded in; after a commit the writer hands such tasks over ({@link #carryIfForgotten}),
 * and once memory has applied that very reset the follower records them again ({@link #takeForgotten}). If
 * memory has meanwhile applied a newer reset, that one deleted them too, and they are let go.
 *
 * <p>Thread-safe. The epoch moves only while the recorder holds every recording thread out (a local reset, or
 * another instance's reset being applied), so a task's epoch is the one of the memory it went into.
 */
final class ResetEpochs {

    private static final Logger log = LoggerFactory.getLogger(ResetEpochs.class);
    /** Tasks handed over at most; beyond, this instance's memory misses them until it restarts (logged). */
    static final int MAX_CARRIED = 100_000;

    /** A task committed after reset {@code resetId} that memory may have forgotten. */
    private record Carried(long resetId, int epoch, TaskRecord task) {
    }

    // Moved by local resets and by the follower, under the recorder's exclusive lock; read by appends.
    private final AtomicInteger memoryEpoch = new AtomicInteger();
    // Local resets queued and not yet committed: raised by clear(), lowered by the writer.
    private final AtomicInteger pendingLocalResets = new AtomicInteger();
    // Guarded by this: the newest reset memory has applied and the epoch it began; what the writer handed over.
    private long appliedResetId;
    private int appliedEpoch;
    private final List<Carried> carried = new ArrayList<>();
    private long carriedDropped;

    /** Memory rebuilt from a database whose newest reset is {@code latestResetId} (0 for none). */
    ResetEpochs(long latestResetId) {
        this.appliedResetId = latestResetId;
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

    /** The local reset that began {@code epoch} committed as {@code resetId}, or never will ({@code resetId} 0). */
    synchronized void localResetDone(long resetId, int epoch) {
        if (resetId > appliedResetId) {
            appliedResetId = resetId;
            appliedEpoch = epoch;
        }
        pendingLocalResets.decrementAndGet();
    }

    /**
     * Whether a local reset waits to be committed: until it is, nothing from elsewhere goes into memory, since
     * memory has already forgotten what that reset will delete while its place in the order is not known yet.
     */
    boolean localResetPending() {
        return pendingLocalResets.get() > 0;
    }

    /** Whether another instance's reset {@code resetId} is newer than what memory has applied. */
    synchronized boolean isNew(long resetId) {
        return resetId > appliedResetId;
    }

    /** Another instance's reset was applied to memory; call while recording is held out. */
    synchronized void remoteResetApplied(long resetId) {
        appliedResetId = resetId;
        appliedEpoch = memoryEpoch.incrementAndGet();
    }

    /** Rows at or below this place in the order are from before the reset memory applied last. */
    synchronized long floorId() {
        return appliedResetId;
    }

    /**
     * The writer committed {@code appends} after reset {@code resetId} (the newest then): those that memory has
     * forgotten since they were recorded, or will forget when it applies that reset, are kept for the follower.
     */
    synchronized void carryIfForgotten(long resetId, List<JournalCommand.Append> appends) {
        int now = memoryEpoch.get();
        for (JournalCommand.Append append : appends) {
            if (resetId > appliedResetId || append.epoch() < now) {
                if (carried.size() < MAX_CARRIED) {
                    carried.add(new Carried(resetId, append.epoch(), append.task()));
                } else if (carriedDropped++ == 0) {
                    log.warn("More than {} tasks wait to be folded back after a reset; this instance's figures "
                            + "miss the rest until it restarts", MAX_CARRIED);
                }
            }
        }
    }

    /**
     * The tasks to record into memory again, now that it has applied the reset they were committed after; call
     * while no reset can begin, and only while no local reset is pending.
     */
    synchronized List<TaskRecord> takeForgotten() {
        if (carried.isEmpty()) {
            return List.of();
        }
        var forgotten = new ArrayList<TaskRecord>();
        for (Iterator<Carried> it = carried.iterator(); it.hasNext(); ) {
            Carried item = it.next();
            if (item.resetId() > appliedResetId) {
                continue; // memory has not applied that reset yet
            }
            if (item.resetId() == appliedResetId && item.epoch() < appliedEpoch) {
                forgotten.add(item.task()); // recorded before memory applied it, committed after it
            } // else: memory still holds it, or a newer reset deleted it too
            it.remove();
        }
        carriedDropped = carried.isEmpty() ? 0 : carriedDropped;
        return forgotten;
    }
}
