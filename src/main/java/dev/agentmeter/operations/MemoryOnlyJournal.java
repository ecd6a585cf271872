package dev.agentmeter.operations;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.agentmeter.metrics.TaskRecord;

/** The journal of {@code --data none}: keeps nothing, so every task is as durable as it will ever be at once. */
final class MemoryOnlyJournal implements TaskJournal {

    static final MemoryOnlyJournal INSTANCE = new MemoryOnlyJournal();

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    private static final Reservation UNBOUNDED = new Reservation() {
        @Override
        public CompletableFuture<Void> append(TaskRecord task) {
            return DONE;
        }

        @Override
        public void close() {
            // Nothing was taken.
        }
    };

    private MemoryOnlyJournal() {
    }

    @Override
    public Optional<Reservation> reserve(int count) {
        return Optional.of(UNBOUNDED);
    }

    @Override
    public CompletableFuture<Void> clear() {
        return DONE;
    }

    @Override
    public Readiness readiness() {
        return Readiness.READY;
    }
}
