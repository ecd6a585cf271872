package dev.agentmeter;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.operations.TaskJournal;
import dev.agentmeter.operations.TaskRecorder;
import dev.agentmeter.storage.Storage;
import dev.agentmeter.storage.StorageSettings;
import dev.agentmeter.storage.postgres.PostgresSettings;
import dev.agentmeter.storage.postgres.PostgresStartFailure;
import dev.agentmeter.storage.postgres.PostgresStore;

/**
 * Where recorded tasks are kept: the fleet's shared PostgreSQL database, the embedded one in a folder, or
 * neither (memory only). Whichever it is has been rebuilt into the metrics when {@link #start} returns.
 *
 * @param fleet   the shared PostgreSQL store; null unless {@code --data} names a database
 * @param storage the embedded store; null unless {@code --data} names a folder
 */
record StorageWiring(PostgresStore fleet, Storage storage) {

    /**
     * How long start-up waits for the store at most: a large rebuild takes seconds, but a database that never
     * answers must not leave the process half-started for ever.
     */
    static final Duration START_BOUND = Duration.ofMinutes(5);

    /**
     * Starts the store ({@link #start}) on a thread of its own, so that the parts that do not need it are built
     * meanwhile on the second core (issue 15, start-up); {@link #await} takes the result. Nothing may record or
     * read the figures before that: the rebuild feeds {@code metrics} until then.
     */
    static CompletableFuture<StorageWiring> startAside(Settings settings, PerformanceMetrics metrics) {
        var started = new CompletableFuture<StorageWiring>();
        var thread = new Thread(() -> {
            try {
                started.complete(start(settings, metrics));
            } catch (StartupFailure | RuntimeException | Error e) {
                started.completeExceptionally(e);
            }
        }, "agentmeter-storage-start");
        thread.setDaemon(true); // a failed start-up exits without waiting for a store that never answers
        thread.start();
        return started;
    }

    /**
     * The store started by {@link #startAside}, at most {@link #START_BOUND} later; its failure is thrown here as
     * if it had started on this thread, with the same one-line message.
     */
    static StorageWiring await(CompletableFuture<StorageWiring> starting) throws StartupFailure {
        return await(starting, START_BOUND);
    }

    /** {@link #await(CompletableFuture)} with another bound, for a test. */
    static StorageWiring await(CompletableFuture<StorageWiring> starting, Duration bound) throws StartupFailure {
        try {
            return starting.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StartupFailure failure) {
                throw failure;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw (Error) e.getCause();
        } catch (TimeoutException e) {
            String within = bound.toMillis() % 1_000 == 0 ? bound.toSeconds() + " s" : bound.toMillis() + " ms";
            throw new StartupFailure("storage did not start within " + within, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupFailure("start-up was interrupted while storage was starting", e);
        }
    }

    /** The fleet's store once {@code starting} has started it; null before, and without one. */
    static Supplier<PostgresStore> fleetOnceStarted(CompletableFuture<StorageWiring> starting) {
        return () -> starting.isDone() && !starting.isCompletedExceptionally() ? starting.join().fleet() : null;
    }

    /** Starts the store the settings name; a database that cannot be used stops the start. */
    static StorageWiring start(Settings settings, PerformanceMetrics metrics) throws StartupFailure {
        PostgresStore fleet = settings.database() == null ? null : startFleet(settings, metrics);
        Storage storage = settings.dataDir() == null ? null : Storage.start(
                StorageSettings.of(settings.dataDir(), settings.retention()).withQueueCapacity(settings.storageQueue()),
                metrics, Clock.systemUTC());
        return new StorageWiring(fleet, storage);
    }

    private static PostgresStore startFleet(Settings settings, PerformanceMetrics metrics) throws StartupFailure {
        try {
            return PostgresStore.start(PostgresSettings.of(settings.database(), settings.retention())
                    .withQueueCapacity(settings.storageQueue()), metrics, Clock.systemUTC());
        } catch (PostgresStartFailure e) {
            throw new StartupFailure(e.getMessage(), e);
        }
    }

    /** Where the recorder writes each task. */
    TaskJournal journal() {
        return fleet != null ? fleet.journal() : storage != null ? storage.journal() : TaskJournal.memoryOnly();
    }

    /** With a fleet, the other instances' tasks reach {@code recorder} from where the rebuild stopped. */
    void follow(TaskRecorder recorder) {
        if (fleet != null) {
            fleet.follow(recorder);
        }
    }
}
