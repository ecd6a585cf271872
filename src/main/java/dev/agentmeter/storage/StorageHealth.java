package dev.agentmeter.storage;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agentmeter.operations.Readiness;

/**
 * Whether storage writes work, as the last write found out, logged once per change of state rather than once
 * per task: an outage of an hour is two log lines, not a million.
 *
 * <p>Thread-safe: the writer reports, anyone reads.
 */
final class StorageHealth {

    private static final Logger log = LoggerFactory.getLogger(StorageHealth.class);

    private final String database;
    // Written by the writer thread (and by whoever records an unstored task), read by health checks.
    private final AtomicReference<Readiness> state = new AtomicReference<>(Readiness.READY);
    // Tasks kept in memory only since the outage began; added by the writer, reset when writes work again.
    private final LongAdder unstored = new LongAdder();

    StorageHealth(String database) {
        this.database = database;
    }

    Readiness readiness() {
        return state.get();
    }

    boolean failing() {
        return !state.get().ready();
    }

    /** A write committed. */
    void writesWork() {
        Readiness before = state.getAndSet(Readiness.READY);
        if (!before.ready()) {
            log.info("Storage writes to {} work again; {} tasks recorded during the outage are in memory only",
                    database, unstored.sumThenReset());
        }
    }

    /** A write of {@code tasks} tasks failed with {@code failure}; they are in memory only. */
    void writesFail(Throwable failure, int tasks) {
        unstored.add(tasks);
        String reason = "storage cannot write to " + database + ": " + describe(failure)
                + "; tasks are recorded in memory only";
        Readiness before = state.getAndSet(Readiness.notReady(reason));
        if (before.ready()) {
            log.warn("{} (not ready until writes work again)", reason);
        }
    }

    static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }
}
