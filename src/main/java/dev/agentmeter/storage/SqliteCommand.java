package dev.agentmeter.storage;

import java.util.concurrent.CompletableFuture;

import dev.agentmeter.metrics.TaskRecord;

/** What the SQLite writer is asked to do, in order. Immutable. */
sealed interface SqliteCommand {

    /** Keep {@code task}; {@code done} completes once it is committed. */
    record Append(TaskRecord task, CompletableFuture<Void> done) implements SqliteCommand {
    }

    /** Forget every stored task, those queued before included; {@code done} completes once committed. */
    record Clear(CompletableFuture<Void> done) implements SqliteCommand {
    }

    /** Write what came before, then stop. */
    record Stop() implements SqliteCommand {
    }
}
