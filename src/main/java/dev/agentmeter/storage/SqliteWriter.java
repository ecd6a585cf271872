package dev.agentmeter.storage;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agentmeter.metrics.TaskRecord;

/**
 * The one thread that writes the SQLite journal, with group commit: it takes everything queued (up to a batch),
 * writes it in one transaction, commits, and only then completes the futures of that batch, on another thread so
 * that answering callers never delays the next commit. Between batches it deletes rows older than the retention, a
 * small batch at a time, and while writes fail it probes whether they work again.
 *
 * <p>Its fields are the writer thread's own, but for the queue, the reservations and the overloaded flag, which it
 * shares with {@link SqliteTaskJournal}; the acknowledging executor is thread-safe.
 */
final class SqliteWriter implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(SqliteWriter.class);

    private final TaskDatabase database;
    private final StorageSettings settings;
    private final Clock clock;
    private final StorageHealth health;
    private final BlockingQueue<SqliteCommand> queue;
    private final QueueReservations reservations;
    private final AtomicBoolean overloaded;
    private final ExecutorService acknowledgments = Executors.newFixedThreadPool(2,
            DaemonThreads.named("agentmeter-storage-ack"));
    private long nextPruneMillis;
    private long nextProbeMillis;

    SqliteWriter(TaskDatabase database, StorageSettings settings, Clock clock, StorageHealth health,
                 BlockingQueue<SqliteCommand> queue, QueueReservations reservations, AtomicBoolean overloaded) {
        this.database = database;
        this.settings = settings;
        this.clock = clock;
        this.health = health;
        this.queue = queue;
        this.reservations = reservations;
        this.overloaded = overloaded;
        this.nextPruneMillis = clock.millis() + settings.pruneInterval().toMillis();
    }

    /** After the writer thread has ended: lets the acknowledgments submitted finish, and takes no more. */
    void shutdown() {
        acknowledgments.shutdown();
    }

    @Override
    public void run() {
        var batch = new ArrayList<SqliteCommand>();
        boolean stopping = false;
        while (!stopping) {
            try {
                SqliteCommand first = queue.poll(waitMillis(), TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, settings.maxBatchRows() - 1);
                    stopping = write(batch);
                    batch.clear();
                } else if (health.failing()) {
                    probeIfDue();
                }
                pruneIfDue();
            } catch (InterruptedException e) {
                stopping = true;
            } catch (RuntimeException e) { // a bug: report it and keep the writer alive
                log.error("Storage writer failed unexpectedly", e);
                stopping = batch.stream().anyMatch(SqliteCommand.Stop.class::isInstance);
                fail(batch, e);
                batch.clear();
            }
        }
        failLeftovers();
    }

    /** Writes one batch in one transaction; true when it held the stop command, whether the write worked or not. */
    private boolean write(List<SqliteCommand> batch) {
        int appends = 0;
        boolean stop = false;
        for (SqliteCommand command : batch) {
            appends += command instanceof SqliteCommand.Append ? 1 : 0;
            stop |= command instanceof SqliteCommand.Stop;
        }
        try {
            database.begin();
            var tasks = new ArrayList<TaskRecord>(appends);
            for (SqliteCommand command : batch) {
                if (command instanceof SqliteCommand.Append append) {
                    tasks.add(append.task());
                } else if (command instanceof SqliteCommand.Clear) {
                    database.insert(tasks); // the tasks queued before the clear are cleared with the rest
                    tasks.clear();
                    database.deleteAll();
                }
            }
            database.insert(tasks);
            database.commit();
            health.writesWork();
            acknowledge(batch, null);
        } catch (SQLException e) {
            database.rollbackQuietly();
            health.writesFail(e, appends);
            acknowledge(batch, new StorageWriteException(health.readiness().reason(), e));
        } finally {
            if (reservations.release(appends) && overloaded.compareAndSet(true, false)) {
                log.info("Storage has caught up; new tasks are accepted again");
            }
        }
        return stop;
    }

    private void acknowledge(List<SqliteCommand> batch, Throwable failure) {
        var futures = new ArrayList<CompletableFuture<Void>>(batch.size());
        for (SqliteCommand command : batch) {
            if (command instanceof SqliteCommand.Append append) {
                futures.add(append.done());
            } else if (command instanceof SqliteCommand.Clear clear) {
                futures.add(clear.done());
            }
        }
        acknowledgments.execute(() -> {
            for (var future : futures) {
                if (failure == null) {
                    future.complete(null);
                } else {
                    future.completeExceptionally(failure);
                }
            }
        });
    }

    private void fail(List<SqliteCommand> batch, Throwable failure) {
        database.rollbackQuietly();
        acknowledge(batch, new StorageWriteException("storage failed: " + StorageHealth.describe(failure), failure));
    }

    private void pruneIfDue() {
        if (settings.retention() == null || clock.millis() < nextPruneMillis) {
            return;
        }
        try {
            database.begin();
            int deleted = database.deleteOlderThan(clock.instant().minus(settings.retention()),
                    settings.pruneBatchRows());
            database.commit();
            if (deleted < settings.pruneBatchRows()) {
                nextPruneMillis = clock.millis() + settings.pruneInterval().toMillis();
            } // else: more to delete, after whatever tasks queued meanwhile
        } catch (SQLException e) {
            database.rollbackQuietly();
            health.writesFail(e, 0);
            nextPruneMillis = clock.millis() + settings.pruneInterval().toMillis();
        }
    }

    private void probeIfDue() {
        if (clock.millis() < nextProbeMillis) {
            return;
        }
        nextProbeMillis = clock.millis() + settings.probeInterval().toMillis();
        try {
            database.begin();
            database.probe();
            database.commit();
            health.writesWork();
        } catch (SQLException e) {
            database.rollbackQuietly();
            health.writesFail(e, 0);
        }
    }

    private long waitMillis() {
        long untilPrune = settings.retention() == null ? Long.MAX_VALUE : nextPruneMillis - clock.millis();
        return Math.max(1, Math.min(settings.probeInterval().toMillis(), untilPrune));
    }

    /** Commands queued after the stop (appends racing with close) are refused, never left hanging. */
    private void failLeftovers() {
        var leftovers = new ArrayList<SqliteCommand>();
        queue.drainTo(leftovers);
        if (!leftovers.isEmpty()) {
            acknowledge(leftovers, new StorageWriteException("storage is closed"));
        }
    }
}
