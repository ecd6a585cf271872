package dev.agentmeter.storage.postgres;

import java.util.concurrent.CompletableFuture;

import dev.agentmeter.metrics.TaskRecord;

/** What the writer is asked to do, in order. Immutable. */
sealed interface JournalCommand {

    /** The future that completes once the command is committed, or exceptionally when it is not (yet). */
    CompletableFuture<Void> done();

    /** Keep {@code task}, recorded into memory in reset epoch {@code epoch} (see {@link ResetEpochs}). */
    record Append(TaskRecord task, int epoch, CompletableFuture<Void> done) implements JournalCommand {
    }

    /** Forget every task committed before this, fleet-wide; memory's epoch {@code epoch} starts with it. */
    record Clear(int epoch, CompletableFuture<Void> done) implements JournalCommand {
    }

    /** Write what came before, then stop. */
    record Stop(CompletableFuture<Void> done) implements JournalCommand {
    }
}
