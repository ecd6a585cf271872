package dev.agentmeter.storage.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.agentmeter.metrics.TaskRecord;

/**
 * One batch of journal commands written in one transaction, in the fleet's order. Every writer of every
 * instance takes the same advisory lock first, so ids (from one sequence, for tasks and resets alike) are
 * handed out and committed in the same order: a follower that has read up to an id has seen everything below
 * it. The transaction also records the batch's number for this instance, so that a commit whose answer was lost
 * (the connection broke during COMMIT) is recognised instead of written twice, and notifies the other instances
 * with a few bytes: who committed, and the last id.
 *
 * <p>Not thread-safe: the writer thread's.
 */
final class GroupCommit {

    /** Taken by every transaction that takes ids, so that commits happen in id order. */
    static final long ORDER_LOCK = 0x6167_6d65_7465_7202L;
    /** The channel of commit notifications; the payload is {@code "<instance id> <last id>"}. */
    static final String CHANNEL = "agentmeter_fleet";

    /** A local reset that committed: its place in the order, and the memory epoch it began. */
    record ResetCommitted(long resetId, int epoch) {
    }

    /**
     * What a batch committed: its resets in order, the newest reset in the database at the end, and the tasks
     * committed after it (all of them when the batch had no reset).
     */
    record Committed(List<ResetCommitted> resets, long latestReset, List<JournalCommand.Append> afterLatestReset) {

        /**
         * A batch that committed although its answer was lost: its last reset's place is this instance's newest,
         * and where its tasks fell among other instances' resets is not known, so none is carried over.
         */
        static Committed answerLost(List<JournalCommand> batch, long latestOwnReset) {
            var resets = new ArrayList<ResetCommitted>();
            for (JournalCommand command : batch) {
                if (command instanceof JournalCommand.Clear clear) {
                    resets.add(new ResetCommitted(0, clear.epoch()));
                }
            }
            if (!resets.isEmpty()) {
                int last = resets.size() - 1;
                resets.set(last, new ResetCommitted(latestOwnReset, resets.get(last).epoch()));
            }
            return new Committed(resets, 0, List.of());
        }
    }

    private final String instanceId;
    private final String host;

    GroupCommit(String instanceId, String host) {
        this.instanceId = instanceId;
        this.host = host;
    }

    /** Writes {@code batch} (numbered {@code batchNumber}) and commits. Rolls back and throws on any failure. */
    Committed write(Connection connection, long batchNumber, List<JournalCommand> batch) throws SQLException {
        connection.setAutoCommit(false);
        try {
            var script = new CommitScript().add("SELECT pg_advisory_xact_lock(" + ORDER_LOCK + ")");
            var resetEpochs = new ArrayList<Integer>();
            var afterLatestReset = new ArrayList<JournalCommand.Append>();
            boolean tookIds = false;
            for (JournalCommand command : batch) {
                if (command instanceof JournalCommand.Append append) {
                    afterLatestReset.add(append);
                } else if (command instanceof JournalCommand.Clear clear) {
                    // The tasks before the reset are deleted by it, but take their place in the order all the same.
                    script.addInserts(instanceId, tasksOf(afterLatestReset));
                    tookIds |= !afterLatestReset.isEmpty();
                    afterLatestReset.clear();
                    addReset(script);
                    resetEpochs.add(clear.epoch());
                    tookIds = true;
                }
            }
            script.addInserts(instanceId, tasksOf(afterLatestReset));
            tookIds |= !afterLatestReset.isEmpty();
            addEnd(script, batchNumber, tookIds);
            long latestReset = ((Number) script.run(connection)).longValue();
            connection.commit(); // the driver saw the COMMIT go by: this only tells the pool the work is done
            var resets = new ArrayList<ResetCommitted>();
            for (int i = 0; i < resetEpochs.size(); i++) { // only the last one's place matters: it deleted the others
                resets.add(new ResetCommitted(i == resetEpochs.size() - 1 ? latestReset : 0, resetEpochs.get(i)));
            }
            return new Committed(resets, latestReset, afterLatestReset);
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(connection);
            throw e;
        }
    }

    /**
     * What became of an earlier attempt at a batch: whether it committed after all, and the newest reset of this
     * instance in the database (0 if none), which is where that batch's resets (if any) took their place.
     */
    record EarlierAttempt(boolean committed, long latestOwnReset) {
    }

    /** Whether batch {@code batchNumber} of this instance has committed (its commit's answer may have been lost). */
    EarlierAttempt earlierAttempt(Connection connection, long batchNumber) throws SQLException {
        connection.setAutoCommit(true);
        try (var query = connection.prepareStatement("SELECT coalesce((SELECT last_batch >= ? FROM instances "
                + "WHERE id = ?), false), (SELECT coalesce(max(id), 0) FROM resets WHERE instance_id = ?)")) {
            query.setLong(1, batchNumber);
            query.setString(2, instanceId);
            query.setString(3, instanceId);
            try (var result = query.executeQuery()) {
                result.next();
                return new EarlierAttempt(result.getBoolean(1), result.getLong(2));
            }
        }
    }

    /** A reset row in the order; every task and older reset before it is deleted. */
    private void addReset(CommitScript script) {
        script.add("INSERT INTO resets (id, instance_id) VALUES (nextval('fleet_order'), ?)", 1,
                (statement, offset) -> statement.setString(offset, instanceId));
        script.add("DELETE FROM tasks WHERE id < currval('fleet_order')");
        script.add("DELETE FROM resets WHERE id < currval('fleet_order')");
    }

    /**
     * The end of the transaction: the batch's number in this instance's row (made again if it was forgotten; it
     * also says the instance is alive), the notification when the batch took ids, the newest reset (this batch's
     * own, if it had any), and COMMIT.
     */
    private void addEnd(CommitScript script, long batchNumber, boolean tookIds) {
        script.add("INSERT INTO instances (id, host, started_at, last_seen_at, last_batch) VALUES (?, ?, now(), "
                + "now(), ?) ON CONFLICT (id) DO UPDATE SET last_batch = excluded.last_batch, last_seen_at = now()",
                3, (statement, offset) -> {
                    statement.setString(offset, instanceId);
                    statement.setString(offset + 1, host);
                    statement.setLong(offset + 2, batchNumber);
                });
        if (tookIds) {
            script.add("SELECT pg_notify('" + CHANNEL + "', ? || ' ' || currval('fleet_order'))", 1,
                    (statement, offset) -> statement.setString(offset, instanceId));
        }
        script.add("SELECT coalesce(max(id), 0) FROM resets");
        script.add("COMMIT");
    }

    private static List<TaskRecord> tasksOf(List<JournalCommand.Append> appends) {
        return appends.stream().map(JournalCommand.Append::task).toList();
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // The connection is broken: the pool drops it, and the failure that led here is what gets reported.
        }
    }
}
