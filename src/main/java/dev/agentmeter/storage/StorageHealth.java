package dev.agentmeter.storage;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteException;

import dev.agentmeter.operations.Readiness;

/**
 * Whether storage writes work, as the last write found out, logged once per change of state rather than once
 * per task: an outage of an hour is two log lines, not a million.
 *
 * <p>Thread-safe: the writer reports, anyone reads.
 */
final class StorageHealth {

    private static final Logger log = LoggerFactory.getLogger(StorageHealth.class);
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_NOTADB = 26;

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

    /** Whether {@code failure} says the database file itself is damaged, or is no database at all. */
    static boolean isDamage(SQLException failure) {
        int primaryCode = failure.getErrorCode() & 0xFF; // SQLite's extended codes keep the primary one in the low byte
        return failure instanceof SQLiteException && (primaryCode == SQLITE_CORRUPT || primaryCode == SQLITE_NOTADB);
    }

    /** The failure to start on a damaged database file: what is wrong, that nothing was loaded, what to do. */
    static StorageException damaged(Path file, SQLException failure) {
        return new StorageException("the database " + file + " is damaged (" + describe(failure) + "), so none of it "
                + "was loaded; move the file aside to start a new one, or restore it from a backup", failure);
    }

    static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }
}
