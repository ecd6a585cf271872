package dev.agentmeter.storage;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.agentmeter.metrics.TaskRecord;
import dev.agentmeter.operations.Readiness;
import dev.agentmeter.operations.TaskJournal;

/**
 * The journal when storage could not start: keeps nothing, and says why through its readiness. It never
 * refuses room: recording goes on in memory, as it does while a working journal cannot write.
 */
final class UnavailableJournal implements TaskJournal {

    private final Readiness readiness;
    private final Reservation failing = new Reservation() {
        @Override
        public CompletableFuture<Void> append(TaskRecord task) {
            return CompletableFuture.failedFuture(new StorageWriteException(readiness.reason()));
        }

        @Override
        public void close() {
            // Nothing was taken.
        }
    };

    UnavailableJournal(String reason) {
        this.readiness = Readiness.notReady(reason + "; tasks are recorded in memory only");
    }

    @Override
    public Optional<Reservation> reserve(int count) {
        return Optional.of(failing);
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
