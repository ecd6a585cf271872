package dev.agentmeter.storage;

import java.util.concurrent.CompletableFuture;

import dev.agentmeter.metrics.TaskRecord;
import dev.agentmeter.operations.Readiness;
import dev.agentmeter.operations.TaskJournal;

/** The journal when storage could not start: keeps nothing, and says why through its readiness. */
final class UnavailableJournal implements TaskJournal {

    private final Readiness readiness;

    UnavailableJournal(String reason) {
        this.readiness = Readiness.notReady(reason + "; tasks are recorded in memory only");
    }

    @Override
    public CompletableFuture<Void> append(TaskRecord task) {
        return CompletableFuture.failedFuture(new StorageWriteException(readiness.reason()));
    }

    @Override
    public CompletableFuture<Void> clear() {
        return CompletableFuture.failedFuture(new StorageWriteException(readiness.reason()));
    }

    @Override
    public Readiness readiness() {
        return readiness;
    }
}
