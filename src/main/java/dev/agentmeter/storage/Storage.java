package dev.agentmeter.storage;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.operations.TaskJournal;

/**
 * Embedded storage of every recorded task, in SQLite under the data folder. Starting it claims the folder,
 * migrates the schema, deletes rows beyond the retention, and rebuilds the metrics (counters, histograms,
 * per-task figures, time series, history, error log) from the rows left, before anything can record or read.
 * Then its {@link #journal()} keeps each new task.
 *
 * <p>When the folder or the database cannot be used, storage does not stop the process: its journal keeps
 * nothing and reports not ready with the reason, and recording goes on in memory.
 *
 * <p>Thread-safe once started; {@link #close} once, after the last recording.
 */
public final class Storage implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Storage.class);

    private final TaskJournal journal;
    private final DataDirectory directory;
    private final long rebuiltTasks;

    private Storage(TaskJournal journal, DataDirectory directory, long rebuiltTasks) {
        this.journal = journal;
        this.directory = directory;
        this.rebuiltTasks = rebuiltTasks;
    }

    /** Opens storage and rebuilds {@code metrics} from it; never throws for storage's own troubles. */
    public static Storage start(StorageSettings settings, PerformanceMetrics metrics, Clock clock) {
        DataDirectory directory;
        try {
            directory = DataDirectory.claim(settings.dataDir());
        } catch (StorageException e) {
            return unavailable(e);
        }
        TaskDatabase database = null;
        try {
            database = TaskDatabase.open(directory.database(), settings.durability());
            long started = System.nanoTime();
            long pruned = prune(database, settings, clock);
            var replayed = replay(database, metrics);
            if (replayed.skipped() == 0) {
                log.info("Storage {}: rebuilt {} tasks in {} ms{}", directory.database(), replayed.tasks(),
                        Duration.ofNanos(System.nanoTime() - started).toMillis(), afterPruning(pruned));
            } else {
                log.warn("Storage {}: rebuilt {} tasks in {} ms{}; skipped {} rows that no API would accept, by "
                        + "field at fault: {}", directory.database(), replayed.tasks(),
                        Duration.ofNanos(System.nanoTime() - started).toMillis(), afterPruning(pruned),
                        replayed.skipped(), replayed.skippedByField());
            }
            var journal = new SqliteTaskJournal(database, settings, clock).start();
            return new Storage(journal, directory, replayed.tasks());
        } catch (StorageException e) {
            if (database != null) {
                database.close();
            }
            directory.close();
            return unavailable(e);
        } catch (SQLException e) {
            database.close();
            directory.close();
            return unavailable(new StorageException("cannot read the database " + directory.database() + ": "
                    + StorageHealth.describe(e), e));
        }
    }

    /**
     * Rebuilds {@code metrics} from every valid row, or from none: a read that fails half-way (a damaged file)
     * forgets what it had fed, so the process never starts with half of the figures.
     */
    private static TaskDatabase.Replayed replay(TaskDatabase database, PerformanceMetrics metrics)
            throws SQLException, StorageException {
        try {
            return database.replay(metrics::record);
        } catch (SQLException e) {
            metrics.reset();
            if (StorageHealth.isDamage(e)) {
                throw StorageHealth.damaged(database.file(), e);
            }
            throw e;
        }
    }

    private static String afterPruning(long pruned) {
        return pruned == 0 ? "" : " after deleting " + pruned + " beyond the retention";
    }

    /** Keeps each recorded task; not ready (and keeping nothing) when storage could not start. */
    public TaskJournal journal() {
        return journal;
    }

    /** How many stored tasks the metrics were rebuilt from. */
    public long rebuiltTasks() {
        return rebuiltTasks;
    }

    /** Writes what is queued and releases the database and the folder. */
    @Override
    public void close() {
        if (journal instanceof SqliteTaskJournal sqlite) {
            sqlite.close();
        }
        if (directory != null) {
            directory.close();
        }
    }

    private static Storage unavailable(StorageException e) {
        log.warn("Storage unavailable, recording in memory only (not ready): {}", e.getMessage());
        return new Storage(new UnavailableJournal(e.getMessage()), null, 0);
    }

    /** Deletes, in batches, every row older than the retention: done before the rebuild, so it never counts them. */
    private static long prune(TaskDatabase database, StorageSettings settings, Clock clock) throws SQLException {
        if (settings.retention() == null) {
            return 0;
        }
        Instant cutoff = clock.instant().minus(settings.retention());
        long total = 0;
        int deleted;
        do {
            database.begin();
            deleted = database.deleteOlderThan(cutoff, settings.pruneBatchRows());
            database.commit();
            total += deleted;
        } while (deleted == settings.pruneBatchRows());
        return total;
    }
}
