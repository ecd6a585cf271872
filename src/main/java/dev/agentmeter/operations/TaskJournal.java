package dev.agentmeter.operations;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.agentmeter.metrics.TaskRecord;

/**
 * Where recorded tasks are kept beyond the process's memory. A recording operation first takes room for its
 * tasks ({@link #reserve}), then appends each, and acknowledges them once the appends have completed, so an
 * acknowledged task survives a crash of the process. Room is taken before anything is recorded, all at once,
 * so that a journal that cannot keep up refuses a recording whole instead of losing part of it.
 *
 * <p>Implementations are thread-safe, and {@link #reserve}, {@link Reservation#append} and {@link #clear}
 * never block the caller: they queue the work and complete the future later, in the order they were called.
 */
public interface TaskJournal {

    /**
     * Takes room for {@code count} tasks, all or none: empty when the journal cannot take that many now (it
     * is falling behind), and then nothing is taken.
     */
    Optional<Reservation> reserve(int count);

    /** Forgets every task appended before this call; completes once that is durable. */
    CompletableFuture<Void> clear();

    /** Whether the journal can keep tasks right now, and if not why. */
    Readiness readiness();

    /** No journal at all: tasks live in memory only ({@code --data none}); always ready. */
    static TaskJournal memoryOnly() {
        return MemoryOnlyJournal.INSTANCE;
    }

    /**
     * Room taken by {@link #reserve}: each append uses one place, and closing gives back the places no append
     * used. Not thread-safe: one recording uses it, then closes it.
     */
    interface Reservation extends AutoCloseable {

        /**
         * Keeps {@code task} in a place this reservation holds; the future completes once it is durable, or
         * exceptionally (promptly when the journal is failing) when it could not be kept.
         *
         * @throws IllegalStateException when every place is used: a bug of the caller
         */
        CompletableFuture<Void> append(TaskRecord task);

        @Override
        void close();
    }
}
