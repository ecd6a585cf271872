package dev.agentmeter.storage;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.agentmeter.metrics.TaskRecord;
import dev.agentmeter.operations.TaskJournal.Reservation;

/**
 * The places of a journal's bounded append queue: a recording takes all the places it needs at once, or none,
 * and gives back those it did not use. Both journals (SQLite and PostgreSQL) bound their writer's backlog this
 * way; what an append enqueues and what a refusal tells the health are theirs, given to the constructor.
 *
 * <p>Hand-written rather than a {@link java.util.concurrent.Semaphore}: a refusal must see how many places are
 * taken (to tell a full queue from a batch too large for the free room), and the writer gives places back in
 * batches, well after the reservation that took them is closed.
 *
 * <p>Thread-safe. {@code pending} is raised by reserving threads (a compare-and-set loop, so a reservation never
 * passes the capacity) and lowered by closing reservations for unused places and by the journal's writer for
 * the appends it has written or dropped; health and readiness read it. A {@link Reservation} it hands out
 * belongs to the one thread recording with it.
 */
public final class QueueReservations {

    /** Told when a reservation is refused; {@code full} when half the queue or more still waits to be written. */
    @FunctionalInterface
    public interface Refusal {
        void refused(int count, int pending, boolean full);
    }

    private final int capacity;
    private final Function<TaskRecord, CompletableFuture<Void>> enqueue;
    private final Refusal refusal;
    // Places reserved, queued or held and not yet written or dropped: see the class comment for who writes it.
    private final AtomicInteger pending = new AtomicInteger();

    /**
     * @param capacity the most places taken at once
     * @param enqueue  what an append does with its task, in a place already taken
     * @param refusal  told of each refused reservation
     */
    public QueueReservations(int capacity, Function<TaskRecord, CompletableFuture<Void>> enqueue,
                             Refusal refusal) {
        this.capacity = capacity;
        this.enqueue = enqueue;
        this.refusal = refusal;
    }

    /**
     * Takes {@code count} places at once, or none (and tells the refusal) when that would pass the capacity.
     * Only a backlog of half the queue or more counts as full: a batch larger than the free room of a nearly
     * idle queue is refused without it.
     */
    public Optional<Reservation> reserve(int count) {
        int taken;
        do {
            taken = pending.get();
            if (taken + count > capacity) {
                refusal.refused(count, taken, taken >= capacity / 2);
                return Optional.empty();
            }
        } while (!pending.compareAndSet(taken, taken + count));
        return Optional.of(new Queued(count));
    }

    /**
     * Gives back {@code places} that no longer wait (written, dropped, or never queued).
     *
     * @return true when less than half the queue is still taken: the writer has caught up
     */
    public boolean release(int places) {
        return pending.addAndGet(-places) < capacity / 2;
    }

    /** Places taken now. */
    public int pending() {
        return pending.get();
    }

    /** The reservation of a closed journal: nothing is kept any more, and each append says so at once. */
    public static Reservation closed(Supplier<? extends RuntimeException> failure) {
        return new Reservation() {
            @Override
            public CompletableFuture<Void> append(TaskRecord task) {
                return CompletableFuture.failedFuture(failure.get());
            }

            @Override
            public void close() {
                // Nothing was taken.
            }
        };
    }

    /** Places taken in the queue; each append uses one, and closing gives back the rest. */
    private final class Queued implements Reservation {
        // Used by the one recording thread only.
        private int unused;

        Queued(int places) {
            this.unused = places;
        }

        @Override
        public CompletableFuture<Void> append(TaskRecord task) {
            if (unused == 0) {
                throw new IllegalStateException("every reserved place is used");
            }
            unused--;
            return enqueue.apply(task);
        }

        @Override
        public void close() {
            if (unused > 0) {
                pending.addAndGet(-unused);
                unused = 0;
            }
        }
    }
}
