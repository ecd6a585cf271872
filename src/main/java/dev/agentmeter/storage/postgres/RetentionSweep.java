package dev.agentmeter.storage.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Deletes tasks older than the retention, oldest first and a bounded number per transaction, so that writers
 * never wait long behind it. Several instances may sweep at once: each deletes what the others left.
 */
final class RetentionSweep {

    private RetentionSweep() {
    }

    /** Deletes at most {@code limit} of the oldest tasks that finished before {@code cutoff}; how many it did. */
    static int deleteBatch(Connection connection, Instant cutoff, int limit) throws SQLException {
        connection.setAutoCommit(true);
        try (var delete = connection.prepareStatement("DELETE FROM tasks WHERE id IN (SELECT id FROM tasks "
                + "WHERE finished_at < ? ORDER BY finished_at LIMIT ?)")) {
            delete.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
            delete.setInt(2, limit);
            return delete.executeUpdate();
        }
    }

    /** Deletes every task older than {@code cutoff}, in batches; how many. */
    static long deleteAll(Connection connection, Instant cutoff, int batchRows) throws SQLException {
        long total = 0;
        int deleted;
        do {
            deleted = deleteBatch(connection, cutoff, batchRows);
            total += deleted;
        } while (deleted == batchRows);
        return total;
    }
}
