package dev.agentmeter.storage.postgres;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agentmeter.metrics.TaskRecord;
import dev.agentmeter.operations.Readiness;
import dev.agentmeter.operations.TaskJournal;
import dev.agentmeter.storage.DaemonThreads;
import dev.agentmeter.storage.QueueReservations;

/**
 * The task journal in the shared PostgreSQL database: callers reserve places and queue their tasks here; one
 * dedicated thread ({@link PostgresWriter}) writes them with group commit and completes their futures once
 * committed.
 *
 * <p>While the database is down, recording goes on in memory and nothing is acknowledged as stored: a failed
 * batch fails its futures at once and is held, new appends fail theirs at once and wait in the queue, and every
 * probe interval the writer tries again. When the database returns it writes the held batch (unless the commit
 * whose answer was lost had in fact happened) and then the queue, in order. The queue is the bound of that
 * backlog, and of a writer that falls behind: a recording it has no room for is refused whole by
 * {@link #reserve} (nothing recorded, the client may send it again), counted and logged.
 *
 * <p>Thread-safe. {@link #reserve}, appends and {@link #clear} never block.
 */
final class PostgresTaskJournal implements TaskJournal, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresTaskJournal.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);
    private static final long MAX_IDLE_WAIT_MILLIS = 1_000;

    private final ResetEpochs epochs;
    private final PostgresHealth health;
    // Unbounded so that a clear or a stop always fits; appends are bounded by reservations instead.
    private final BlockingQueue<JournalCommand> queue = new LinkedBlockingQueue<>();
    // The places of appends reserved, queued or held and not yet written or dropped: taken by reserving
    // threads, given back by the writer. While the database is down they still count, so the backlog is bounded.
    private final QueueReservations reservations;
    // Set once by close; read by appending threads and the writer.
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final Acknowledgments acknowledgments = new Acknowledgments();
    private final Thread writer;

    PostgresTaskJournal(DataSource pool, PostgresSettings settings, Clock clock, ResetEpochs epochs,
                        GroupCommit commits) {
        this.epochs = epochs;
        this.reservations = new QueueReservations(settings.queueCapacity(), this::enqueue, this::refused);
        this.health = new PostgresHealth(settings.location().display(), settings.queueCapacity(),
                reservations::pending);
        var writing = new PostgresWriter(pool, settings, epochs, commits, health, queue, reservations, closed,
                stopRequested, acknowledgments, new RetentionSweep(settings, clock));
        this.writer = DaemonThreads.named("agentmeter-postgres-writer").newThread(writing);
    }

    PostgresTaskJournal start() {
        writer.start();
        return this;
    }

    /**
     * Takes {@code count} places in the queue at once, or none when that would pass its capacity: the recording
     * is then refused whole. While the database is down the places still count, so the backlog stays bounded.
     */
    @Override
    public Optional<Reservation> reserve(int count) {
        if (closed.get()) {
            return Optional.of(QueueReservations.closed(() -> new PostgresWriteException("storage is closed")));
        }
        return reservations.reserve(count);
    }

    private CompletableFuture<Void> enqueue(TaskRecord task) {
        if (closed.get()) { // racing with close: the writer may have given up what waits already
            reservations.release(1);
            return CompletableFuture.failedFuture(new PostgresWriteException("storage is closed"));
        }
        return queued(new JournalCommand.Append(task, epochs.current(), new CompletableFuture<>()));
    }

    /** Only a full store (half the queue or more waiting) is marked so: the writer clears that once caught up. */
    private void refused(int count, int pending, boolean full) {
        health.refused(count, full);
    }

    @Override
    public CompletableFuture<Void> clear() {
        if (closed.get()) {
            return CompletableFuture.failedFuture(new PostgresWriteException("storage is closed"));
        }
        return queued(new JournalCommand.Clear(epochs.localResetQueued(), new CompletableFuture<>()));
    }

    @Override
    public Readiness readiness() {
        return health.readiness();
    }

    PostgresHealth health() {
        return health;
    }

    /** Writes whatever is queued (if the database is up), stops the writer and its acknowledging threads. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        queue.add(new JournalCommand.Stop(new CompletableFuture<>()));
        stopRequested.countDown();
        try {
            writer.join(STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            log.warn("Storage writer did not finish within {}; unwritten tasks are lost", STOP_WAIT);
        }
        acknowledgments.shutdown();
    }

    /** While the database is down the future fails at once: the task is in memory and waits, not yet stored. */
    private CompletableFuture<Void> queued(JournalCommand command) {
        queue.add(command);
        if (health.writesFailing()) {
            command.done().completeExceptionally(PostgresWriter.notStored(health, null));
        }
        return command.done();
    }
}
