package dev.agentmeter.operations;

import java.util.concurrent.CompletableFuture;

import dev.agentmeter.metrics.TaskRecord;

/**
 * Where recorded tasks are kept beyond the process's memory. A recording operation appends each task and
 * acknowledges it once the append has completed, so an acknowledged task survives a crash of the process.
 *
 * <p>Implementations are thread-safe, and {@link #append} and {@link #clear} never block the caller:
 * they queue the work and complete the future later, in the order they were called.
 */
public interface TaskJournal {

    /**
     * Keeps {@code task}; the future completes once it is durable, or exceptionally (promptly when the journal
     * is overloaded or failing) when it could not be kept.
     */
    CompletableFuture<Void> append(TaskRecord task);

    /** Forgets every task appended before this call; completes once that is durable. */
    CompletableFuture<Void> clear();

    /** Whether the journal can keep tasks right now, and if not why. */
    Readiness readiness();

    /** No journal at all: tasks live in memory only ({@code --data none}); always ready. */
    static TaskJournal memoryOnly() {
        return MemoryOnlyJournal.INSTANCE;
    }
}
