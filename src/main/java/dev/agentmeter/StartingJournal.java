package dev.agentmeter;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.agentmeter.operations.Readiness;
import dev.agentmeter.operations.TaskJournal;

/**
 * The journal of a store that is still starting (issue 15, start-up): the recorder and the operations over it are
 * built, and MCP over stdio answers what needs no figure, while storage opens and rebuilds the metrics on its own
 * thread; {@link #startWith} then hands over the store's journal. Nothing records before that (start-up holds
 * every request that would until the rebuild is done), so a use before it is a bug and fails loudly.
 *
 * <p>Thread-safe: set once by the starting thread before any recording thread exists.
 */
final class StartingJournal implements TaskJournal {

    // Written once by the starting thread, read by every recording thread afterwards.
    private volatile TaskJournal journal;

    /** From now on every task goes to {@code started}. */
    void startWith(TaskJournal started) {
        journal = started;
    }

    @Override
    public Optional<Reservation> reserve(int count) {
        return started().reserve(count);
    }

    @Override
    public CompletableFuture<Void> clear() {
        return started().clear();
    }

    @Override
    public Readiness readiness() {
        return started().readiness();
    }

    private TaskJournal started() {
        TaskJournal started = journal;
        if (started == null) {
            throw new IllegalStateException("nothing may record before storage has started");
        }
        return started;
    }
}
