package dev.agentmeter.storage;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agentmeter.metrics.TaskRecord;
import dev.agentmeter.operations.Readiness;
import dev.agentmeter.operations.TaskJournal;

/**
 * The task journal in SQLite: callers reserve places and queue their tasks here; one dedicated thread
 * ({@link SqliteWriter}) writes them with group commit and completes their futures once committed.
 *
 * <p>Thread-safe. {@link #reserve}, appends and {@link #clear} never block: a full queue refuses the reservation at
 * once.
 */
final class SqliteTaskJournal implements TaskJournal, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SqliteTaskJournal.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final TaskDatabase database;
    private final StorageSettings settings;
    private final StorageHealth health;
    // Unbounded so that a clear or a stop always fits; appends are bounded by reservations instead.
    private final BlockingQueue<SqliteCommand> queue = new LinkedBlockingQueue<>();
    // The places of the queue's appends: taken by reserving threads, given back by the writer once written.
    private final QueueReservations reservations;
    // Set by the first reservation refused for a full queue, cleared by the writer once it has caught up.
    private final AtomicBoolean overloaded = new AtomicBoolean();
    // Set once by close; read by appending threads.
    private final AtomicBoolean closed = new AtomicBoolean();
    private final SqliteWriter writing;
    private final Thread writer;

    SqliteTaskJournal(TaskDatabase database, StorageSettings settings, Clock clock) {
        this.database = database;
        this.settings = settings;
        this.health = new StorageHealth(database.file().toString());
        this.reservations = new QueueReservations(settings.queueCapacity(), this::enqueue, this::refused);
        this.writing = new SqliteWriter(database, settings, clock, health, queue, reservations, overloaded);
        this.writer = DaemonThreads.named("agentmeter-storage-writer").newThread(writing);
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
        queue.add(new SqliteCommand.Append(task, done));
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
        queue.add(new SqliteCommand.Clear(done));
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
        queue.add(new SqliteCommand.Stop());
        try {
            writer.join(STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            log.warn("Storage writer did not finish within {}; unwritten tasks are lost", STOP_WAIT);
            return; // the writer still uses the database
        }
        writing.shutdown();
        database.close();
    }
}
