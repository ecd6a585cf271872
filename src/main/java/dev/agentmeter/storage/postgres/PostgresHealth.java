package dev.agentmeter.storage.postgres;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agentmeter.operations.Readiness;

/**
 * Whether the shared database works for this instance, as its writer (commits) and its follower (what others
 * commit) last found out, logged once per change of state rather than once per task: an outage of an hour is
 * a few log lines, not a million. While it is not ready the reason says what is wrong, how many tasks wait in
 * the backlog to be written, and how many were refused because the backlog was full.
 *
 * <p>Thread-safe: the writer and the follower report, anyone reads.
 */
final class PostgresHealth {

    private static final Logger log = LoggerFactory.getLogger(PostgresHealth.class);

    private final String database;
    private final int capacity;
    private final IntSupplier waiting;
    // Each written by its own thread (writer, follower), read by readiness checks: null while that part works.
    private final AtomicReference<String> writeProblem = new AtomicReference<>();
    private final AtomicReference<String> followProblem = new AtomicReference<>();
    // Set by the first task the full queue refuses, cleared by the writer once it has caught up.
    private final AtomicBoolean full = new AtomicBoolean();
    // Tasks refused since the episode began (the queue had no room); added by reserving threads, reset by the writer.
    private final LongAdder refused = new LongAdder();
    private final LongAdder refusedTotal = new LongAdder();

    /**
     * @param database what to call the database in reasons (never with its password)
     * @param capacity the most tasks that can wait to be written
     * @param waiting  how many wait now
     */
    PostgresHealth(String database, int capacity, IntSupplier waiting) {
        this.database = database;
        this.capacity = capacity;
        this.waiting = waiting;
    }

    Readiness readiness() {
        String write = writeProblem.get();
        String follow = followProblem.get();
        if (write == null && follow == null && !full.get()) {
            return Readiness.READY;
        }
        String problem = write != null ? "cannot write to " + database + ": " + write
                : follow != null ? "cannot follow " + database + ": " + follow
                : "storage cannot keep up with " + database;
        return Readiness.notReady(problem + "; tasks are recorded in memory, " + waiting.getAsInt()
                + " wait to be written (at most " + capacity + "), " + refused.sum() + " were refused");
    }

    boolean writesFailing() {
        return writeProblem.get() != null;
    }

    /** A commit worked. */
    void writesWork() {
        if (writeProblem.getAndSet(null) != null) {
            log.info("PostgreSQL {} takes writes again; the tasks that waited are being written ({} were refused "
                    + "during the outage)", database, refused.sumThenReset());
        }
    }

    /** A commit failed; what it held waits for the database to return. */
    void writesFail(Throwable failure) {
        String problem = describe(failure);
        if (writeProblem.getAndSet(problem) == null) {
            log.warn("Cannot write to {}: {}; recording goes on in memory and up to {} tasks wait to be written "
                    + "when it returns (not ready until then)", database, problem, capacity);
        }
    }

    /** The follower reads what the others commit again. */
    void followWorks() {
        if (followProblem.getAndSet(null) != null) {
            log.info("Following {} again: the other instances' tasks are folded in", database);
        }
    }

    void followFails(Throwable failure) {
        String problem = describe(failure);
        if (followProblem.getAndSet(problem) == null) {
            log.warn("Cannot follow {}: {}; the other instances' tasks are not seen until it works again",
                    database, problem);
        }
    }

    /**
     * The queue had no room for a recording of {@code count} tasks: it was refused whole (nothing recorded).
     *
     * @param full whether the backlog is large enough to call the store full until the writer catches up
     */
    void refused(int count, boolean full) {
        refused.add(count);
        refusedTotal.add(count);
        if (full && this.full.compareAndSet(false, true)) {
            log.warn("Storage queue is full ({} tasks wait to be written to {}); new tasks are refused (503) until "
                    + "it drains", capacity, database);
        }
    }

    /** The queue has room again. */
    void caughtUp() {
        if (full.compareAndSet(true, false)) {
            long count = writesFailing() ? refused.sum() : refused.sumThenReset();
            log.info("Storage queue has room again{}", count == 0 ? "" : "; " + count + " tasks were refused");
        }
    }

    boolean full() {
        return full.get();
    }

    /** Tasks refused since the start because the queue had no room. */
    long refusedTotal() {
        return refusedTotal.sum();
    }

    /** What went wrong, in words: the SQL state's message, never a class name when there is one. */
    static String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException && cause.getCause() instanceof SQLException inner) {
                continue; // the pool's wrapper: the driver's message below says more
            }
            String message = cause.getMessage();
            if (message != null && !message.isBlank()) {
                return message.strip().replaceAll("\\s+", " ").replaceAll("\\.$", "");
            }
        }
        return failure.getClass().getSimpleName();
    }
}
