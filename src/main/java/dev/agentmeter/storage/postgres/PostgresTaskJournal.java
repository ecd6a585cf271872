package dev.agentmeter.storage.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agentmeter.metrics.TaskRecord;
import dev.agentmeter.operations.Readiness;
import dev.agentmeter.operations.TaskJournal;
import dev.agentmeter.storage.QueueReservations;

/**
 * The task journal in the shared PostgreSQL database, written by one dedicated thread with group commit: it
 * takes everything queued (up to a batch), writes it in one transaction ({@link GroupCommit}), and only once
 * that has committed completes the futures of the batch, on other threads so that answering callers never
 * delays the next commit.
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

    private final DataSource pool;
    private final PostgresSettings settings;
    private final ResetEpochs epochs;
    private final GroupCommit commits;
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
    private final RetentionSweep sweep;
    private final Thread writer;
    // The writer thread's own: a batch whose commit failed, written first when the database returns.
    private final List<JournalCommand> held = new ArrayList<>();
    private long heldNumber;
    private long batchNumber;

    PostgresTaskJournal(DataSource pool, PostgresSettings settings, Clock clock, ResetEpochs epochs,
                        GroupCommit commits) {
        this.pool = pool;
        this.settings = settings;
        this.epochs = epochs;
        this.commits = commits;
        this.reservations = new QueueReservations(settings.queueCapacity(), this::enqueue, this::refused);
        this.health = new PostgresHealth(settings.location().display(), settings.queueCapacity(),
                reservations::pending);
        this.sweep = new RetentionSweep(settings, clock);
        this.writer = DaemonThreads.named("agentmeter-postgres-writer").newThread(this::run);
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
            command.done().completeExceptionally(notStored(null));
        }
        return command.done();
    }

    private void run() {
        var batch = new ArrayList<JournalCommand>();
        boolean stopping = false;
        while (!stopping) {
            try {
                if (health.writesFailing() && !recover()) {
                    if (closed.get()) {
                        break; // stopping while the database is down: what waits is given up below
                    }
                    stopRequested.await(settings.probeInterval().toMillis(), TimeUnit.MILLISECONDS);
                    continue;
                }
                JournalCommand first = queue.poll(waitMillis(), TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, settings.maxBatchRows() - 1);
                    stopping = batch.removeIf(JournalCommand.Stop.class::isInstance);
                    if (!batch.isEmpty()) {
                        attempt(++batchNumber, batch);
                        batch.clear();
                    }
                }
                sweepIfDue();
            } catch (InterruptedException e) {
                stopping = true;
            } catch (RuntimeException e) { // a bug: report it and keep the writer alive
                log.error("Storage writer failed unexpectedly", e);
                dropped(batch, e);
                batch.clear();
            }
        }
        giveUpLeftovers();
    }

    /** Writes {@code batch} as batch {@code number}; on a passing failure holds it for when the database returns. */
    private void attempt(long number, List<JournalCommand> batch) {
        try (Connection connection = pool.getConnection()) {
            committed(batch, commits.write(connection, number, batch));
        } catch (SQLException e) {
            if (!Transience.passes(e)) {
                dropped(batch, e);
                return;
            }
            health.writesFail(e);
            held.addAll(batch);
            heldNumber = number;
            acknowledgments.complete(batch, notStored(e));
            // Queued before the outage was known: not written until the database returns, so not stored either.
            // (Anything queued from now on is failed by queued(), which looks at the health after queueing.)
            var waiting = new ArrayList<JournalCommand>(queue);
            acknowledgments.complete(waiting, notStored(e));
        }
    }

    /** Tries the database again: the held batch if there is one, else an empty commit. True when it works. */
    private boolean recover() {
        if (held.isEmpty()) {
            attempt(++batchNumber, List.of());
            return !health.writesFailing();
        }
        var batch = List.copyOf(held);
        try (Connection connection = pool.getConnection()) {
            var earlier = commits.earlierAttempt(connection, heldNumber);
            held.clear();
            if (earlier.committed()) {
                committed(batch, GroupCommit.Committed.answerLost(batch, earlier.latestOwnReset()));
            } else {
                attempt(heldNumber, batch);
            }
        } catch (SQLException e) {
            if (!Transience.passes(e)) {
                held.clear();
                dropped(batch, e);
            }
        }
        return !health.writesFailing();
    }

    private void committed(List<JournalCommand> batch, GroupCommit.Committed committed) {
        committed.resets().forEach(reset -> epochs.localResetDone(reset.resetId(), reset.epoch()));
        epochs.carryIfForgotten(committed.latestReset(), committed.afterLatestReset());
        health.writesWork();
        settle(batch);
        acknowledgments.complete(batch, null);
    }

    /** The database refused the batch itself (not a passing failure): it is not retried, or it would block all. */
    private void dropped(List<JournalCommand> batch, Exception failure) {
        if (!health.writesFailing()) { // once per episode: the health line says the rest
            log.error("PostgreSQL refused a batch of {} commands; they are in memory only", batch.size(), failure);
        }
        health.writesFail(failure);
        for (JournalCommand command : batch) {
            if (command instanceof JournalCommand.Clear clear) {
                epochs.localResetDone(0, clear.epoch());
            }
        }
        settle(batch);
        acknowledgments.complete(batch, notStored(failure));
    }

    /** The batch's appends no longer wait. */
    private void settle(List<JournalCommand> batch) {
        long appends = batch.stream().filter(JournalCommand.Append.class::isInstance).count();
        if (reservations.release((int) appends)) {
            health.caughtUp();
        }
    }

    private PostgresWriteException notStored(Throwable cause) {
        Readiness now = health.readiness();
        String reason = now.ready() ? "the database did not take the write" : now.reason();
        return new PostgresWriteException(reason, cause);
    }

    private void sweepIfDue() {
        try {
            sweep.sweepIfDue(pool);
        } catch (SQLException e) {
            health.writesFail(e);
        }
    }

    private long waitMillis() {
        return Math.max(1, Math.min(MAX_IDLE_WAIT_MILLIS, sweep.millisUntilDue()));
    }

    /** Stopping: what is held or queued now cannot be written; none of it was acknowledged as stored. */
    private void giveUpLeftovers() {
        var leftovers = new ArrayList<>(held);
        held.clear();
        queue.drainTo(leftovers);
        long tasks = leftovers.stream().filter(JournalCommand.Append.class::isInstance).count();
        if (tasks > 0) {
            log.warn("Stopping while {} tasks wait to be written to {}: they are lost (none was acknowledged as "
                    + "stored)", tasks, settings.location().display());
        }
        acknowledgments.complete(leftovers, new PostgresWriteException("storage is closed"));
    }
}
