package dev.agentmeter.storage.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agentmeter.operations.TaskRecorder;

/**
 * Reads what the other instances committed past the high-water mark and folds it into memory: their tasks
 * through the core's recording (never journaled again), their resets as a reset of memory. Each page of rows is
 * read with the resets in one snapshot, so a reset and the rows after it are seen together or not at all.
 * While a reset made here waits to be committed nothing is folded (memory has forgotten what it will delete,
 * but where it falls in the order is not known yet); the read is tried again once it has committed.
 *
 * <p>Not thread-safe: the follower thread's.
 */
final class FleetCatchUp {

    private static final Logger log = LoggerFactory.getLogger(FleetCatchUp.class);
    static final int PAGE_ROWS = 10_000;

    private final String instanceId;
    private final ResetEpochs epochs;
    private final TaskRecorder recorder;
    private long mark;
    private boolean deferred;

    private record Page(List<TaskRows.Row> rows, long newestOtherReset, long newMark, boolean full) {
    }

    /** Folds into {@code recorder}'s memory what comes after {@code mark} (where the rebuild stopped). */
    FleetCatchUp(String instanceId, ResetEpochs epochs, TaskRecorder recorder, long mark) {
        this.instanceId = instanceId;
        this.epochs = epochs;
        this.recorder = recorder;
        this.mark = mark;
    }

    /** Whether a read was put off for a local reset, and must be done again in full. */
    boolean deferred() {
        return deferred;
    }

    /** This instance committed up to {@code lastId}, and everything below was notified before: just move on. */
    void ownCommitted(long lastId) {
        mark = Math.max(mark, lastId);
    }

    /** Reads and folds in every task and reset after the mark up to {@code upTo} (inclusive; MAX_VALUE: all). */
    void readPast(Connection connection, long upTo) throws SQLException {
        long skipped = 0;
        boolean full = true;
        while (full) {
            Page page = read(connection, upTo);
            if (!foldIn(page)) {
                deferred = true;
                return;
            }
            skipped += page.rows().stream().filter(row -> row.task() == null).count();
            mark = Math.max(mark, page.newMark());
            full = page.full();
        }
        deferred = false;
        if (skipped > 0) {
            log.warn("Skipped {} rows of other instances that are not valid tasks", skipped);
        }
    }

    private Page read(Connection connection, long upTo) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement();
             var resets = connection.prepareStatement("SELECT coalesce(max(id), 0) FROM resets WHERE id > ? "
                     + "AND id <= ? AND instance_id <> ?");
             var tasks = connection.prepareStatement("SELECT " + TaskRows.COLUMNS + " FROM tasks WHERE id > ? "
                     + "AND id <= ? AND instance_id <> ? ORDER BY id LIMIT " + PAGE_ROWS)) {
            statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            long newestOtherReset = firstLong(bind(resets, upTo));
            var rows = new ArrayList<TaskRows.Row>();
            try (var result = bind(tasks, upTo).executeQuery()) {
                while (result.next()) {
                    rows.add(TaskRows.read(result));
                }
            }
            boolean full = rows.size() == PAGE_ROWS;
            long newMark = full ? rows.get(rows.size() - 1).id() : upTo;
            if (!full && upTo == Long.MAX_VALUE) { // everything in this snapshot has been read
                try (var top = statement.executeQuery("SELECT greatest((SELECT coalesce(max(id), 0) FROM tasks), "
                        + "(SELECT coalesce(max(id), 0) FROM resets))")) {
                    top.next();
                    newMark = top.getLong(1);
                }
            }
            connection.commit();
            return new Page(rows, newestOtherReset, newMark, full);
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private PreparedStatement bind(PreparedStatement statement, long upTo) throws SQLException {
        statement.setLong(1, mark);
        statement.setLong(2, upTo);
        statement.setString(3, instanceId);
        return statement;
    }

    private static long firstLong(PreparedStatement query) throws SQLException {
        try (var result = query.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    /** Applies the page's newest reset by another instance, then its tasks after that; false when put off. */
    private boolean foldIn(Page page) {
        long reset = page.newestOtherReset();
        if (reset > 0 && epochs.isNew(reset)) {
            boolean applied = recorder.alone(() -> {
                if (epochs.localResetPending()) {
                    return false;
                }
                if (epochs.isNew(reset)) {
                    recorder.metrics().reset();
                    epochs.remoteResetApplied(reset);
                }
                return true;
            });
            if (!applied) {
                return false;
            }
            log.info("Another instance reset the figures: this one has forgotten its tasks too");
        }
        return recorder.besideRecording(() -> {
            if (epochs.localResetPending()) {
                return false;
            }
            long floor = epochs.floorId();
            for (TaskRows.Row row : page.rows()) {
                if (row.task() != null && row.id() > floor) {
                    recorder.metrics().recordFoldedIn(row.task());
                }
            }
            epochs.takeForgotten().forEach(recorder.metrics()::recordFoldedIn);
            return true;
        });
    }

    /** Records again this instance's own tasks that a reset applied here forgot although they came after it. */
    void restoreForgotten() {
        recorder.besideRecording(() -> {
            if (!epochs.localResetPending()) {
                epochs.takeForgotten().forEach(recorder.metrics()::recordFoldedIn);
            }
            return null;
        });
    }
}
