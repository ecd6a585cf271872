package dev.agentmeter.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agentmeter.metrics.TaskRecord;
import dev.agentmeter.operations.Readiness;
import dev.agentmeter.operations.TaskJournal;

/**
 * The task journal in SQLite, written by one dedicated thread with group commit: it takes everything queued
 * (up to a batch), writes it in one transaction, commits, and only then completes the futures of that batch,
 * on another thread so that answering callers never delays the next commit. Between batches it deletes rows
 * older than the retention, a small batch at a time, and while writes fail it probes whether they work again.
 *
 * <p>Thread-safe. {@link #reserve}, appends and {@link #clear} never block: a full queue refuses the reservation at
 * once.
 */
final class SqliteTaskJournal implements TaskJournal, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SqliteTaskJournal.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    /** What the writer is asked to do, in order. */
    private sealed interface Command {
    }

    private record Append(TaskRecord task, CompletableFuture<Void> done) implements Command {
    }

    private record Clear(CompletableFuture<Void> done) implements Command {
    }

    private record Stop() implements Command {
    }

    private final TaskDatabase database;
    private final StorageSettings settings;
    private final Clock clock;
    private final StorageHealth health;
    // Unbounded so that a clear or a stop always fits; appends are bounded by reservations instead.
    private final BlockingQueue<Command> queue = new LinkedBlockingQueue<>();
    // The places of the queue's appends: taken by reserving threads, given back by the writer once written.
    private final QueueReservations reservations;
    // Set by the first reservation refused for a full queue, cleared by the writer once it has caught up.
    private final AtomicBoolean overloaded = new AtomicBoolean();
    // Set once by close; read by appending threads.
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ExecutorService acknowledgments;
    private final Thread writer;
    // Touched by the writer thread only.
    private long nextPruneMillis;
    private long nextProbeMillis;

    SqliteTaskJournal(TaskDatabase database, StorageSettings settings, Clock clock) {
        this.database = database;
        this.settings = settings;
        this.clock = clock;
        this.health = new StorageHealth(database.file().toString());
        this.reservations = new QueueReservations(settings.queueCapacity(), this::enqueue, this::refused);
        this.acknowledgments = Executors.newFixedThreadPool(2, daemon("agentmeter-storage-ack"));
        this.nextPruneMillis = clock.millis() + settings.pruneInterval().toMillis();
        this.writer = daemon("agentmeter-storage-writer").newThread(this::run);
    }

    /** Starts the writer thread. */
    SqliteTaskJournal start() {
        writer.start();
        return this;
    }

    /**
     * Takes {@code count} places in the queue at once, or none when that would pass its capacity: the
     * recording is then refused whole, and the journal reports itself not ready until the writer has caught
     * up (the queue half empty).
     */
    @Override
    public Optional<Reservation> reserve(int count) {
        if (closed.get()) {
            return Optional.of(QueueReservations.closed(() -> new StorageWriteException("storage is closed")));
        }
        return reservations.reserve(count);
    }

    private CompletableFuture<Void> enqueue(TaskRecord task) {
        var done = new CompletableFuture<Void>();
        queue.add(new Append(task, done));
        return done;
    }

    /** Only a writer with half a queue still to write clears the overloaded state again. */
    private void refused(int count, int pending, boolean full) {
        if (full && overloaded.compareAndSet(false, true)) {
            log.warn("Storage cannot keep up: {} tasks wait to be written; new tasks are refused (503) "
                    + "until it catches up", pending);
        }
    }

    @Override
    public CompletableFuture<Void> clear() {
        var done = new CompletableFuture<Void>();
        if (closed.get()) {
            done.completeExceptionally(new StorageWriteException("storage is closed"));
            return done;
        }
        queue.add(new Clear(done));
        return done;
    }

    @Override
    public Readiness readiness() {
        Readiness writes = health.readiness();
        if (writes.ready() && overloaded.get()) {
            return Readiness.notReady("storage is falling behind: more than " + settings.queueCapacity()
                    + " tasks wait to be written, and new tasks are refused until it catches up");
        }
        return writes;
    }

    /** The writer's connection, for tests that constrain the database (as a full disk would). */
    Connection connectionForTests() {
        return database.connection();
    }

    /** Writes whatever is queued, stops the writer and closes the database. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        queue.add(new Stop());
        try {
            writer.join(STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            log.warn("Storage writer did not finish within {}; unwritten tasks are lost", STOP_WAIT);
            return; // the writer still uses the database
        }
        acknowledgments.shutdown();
        database.close();
    }

    private void run() {
        var batch = new ArrayList<Command>();
        boolean stopping = false;
        while (!stopping) {
            try {
                Command first = queue.poll(waitMillis(), TimeUnit.MILLISECONDS);
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
                stopping = batch.stream().anyMatch(Stop.class::isInstance);
                fail(batch, e);
                batch.clear();
            }
        }
        failLeftovers();
    }

    /** Writes one batch in one transaction; true when it held the stop command, whether the write worked or not. */
    private boolean write(List<Command> batch) {
        int appends = 0;
        boolean stop = false;
        for (Command command : batch) {
            appends += command instanceof Append ? 1 : 0;
            stop |= command instanceof Stop;
        }
        try {
            database.begin();
            var tasks = new ArrayList<TaskRecord>(appends);
            for (Command command : batch) {
                if (command instanceof Append append) {
                    tasks.add(append.task());
                } else if (command instanceof Clear) {
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

    private void acknowledge(List<Command> batch, Throwable failure) {
        var futures = new ArrayList<CompletableFuture<Void>>(batch.size());
        for (Command command : batch) {
            if (command instanceof Append append) {
                futures.add(append.done());
            } else if (command instanceof Clear clear) {
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

    private void fail(List<Command> batch, Throwable failure) {
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
        var leftovers = new ArrayList<Command>();
        queue.drainTo(leftovers);
        if (!leftovers.isEmpty()) {
            acknowledge(leftovers, new StorageWriteException("storage is closed"));
        }
    }

    private static ThreadFactory daemon(String name) {
        var count = new AtomicInteger();
        return runnable -> {
            var thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
