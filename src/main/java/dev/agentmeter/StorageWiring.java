package dev.agentmeter;

import java.time.Clock;

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
