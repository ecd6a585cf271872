package dev.agentmeter.storage.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agentmeter.operations.Readiness;
import dev.agentmeter.storage.QueueReservations;

/**
 * The one thread that writes the PostgreSQL journal, with group commit: it takes everything queued (up to a batch),
 * writes it in one transaction ({@link GroupCommit}), and only once that has committed completes the futures of the
 * batch, on other threads ({@link Acknowledgments}) so that answering callers never delays the next commit. While
 * the database is down it holds the failed batch and probes every probe interval; when the database returns it
 * writes the held batch (unless the commit whose answer was lost had in fact happened) and then the queue, in order.
 *
 * <p>Its fields are the writer thread's own, but for what it shares with {@link PostgresTaskJournal}: the queue,
 * the reservations, the health, the closed flag and the stop latch, each thread-safe.
 */
final class PostgresWriter implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(PostgresWriter.class);
    private static final long MAX_IDLE_WAIT_MILLIS = 1_000;

    private final DataSource pool;
    private final PostgresSettings settings;
    private final ResetEpochs epochs;
    private final GroupCommit commits;
    private final PostgresHealth health;
    private final BlockingQueue<JournalCommand> queue;
    private final QueueReservations reservations;
    private final AtomicBoolean closed;
    private final CountDownLatch stopRequested;
    private final Acknowledgments acknowledgments;
    private final RetentionSweep sweep;
    // A batch whose commit failed, written first when the database returns.
    private final List<JournalCommand> held = new ArrayList<>();
    private long heldNumber;
    private long batchNumber;

    PostgresWriter(DataSource pool, PostgresSettings settings, ResetEpochs epochs, GroupCommit commits,
                   PostgresHealth health, BlockingQueue<JournalCommand> queue, QueueReservations reservations,
                   AtomicBoolean closed, CountDownLatch stopRequested, Acknowledgments acknowledgments,
                   RetentionSweep sweep) {
        this.pool = pool;
        this.settings = settings;
        this.epochs = epochs;
        this.commits = commits;
        this.health = health;
        this.queue = queue;
        this.reservations = reservations;
        this.closed = closed;
        this.stopRequested = stopRequested;
        this.acknowledgments = acknowledgments;
        this.sweep = sweep;
    }

    /** Why a command is not (yet) stored, from the health now. */
    static PostgresWriteException notStored(PostgresHealth health, Throwable cause) {
        Readiness now = health.readiness();
        String reason = now.ready() ? "the database did not take the write" : now.reason();
        return new PostgresWriteException(reason, cause);
    }

    @Override
    public void run() {
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
        return notStored(health, cause);
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
