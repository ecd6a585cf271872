package dev.agentmeter.storage.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import javax.sql.DataSource;

/**
 * Deletes tasks older than the retention, oldest first and a bounded number per transaction, so that writers
 * never wait long behind it: all of them at start, then a batch whenever the writer finds one due. Several
 * instances may sweep at once: each deletes what the others left.
 *
 * <p>Not thread-safe: the writer thread's (and the starting thread's, before the writer exists).
 */
final class RetentionSweep {

    private final PostgresSettings settings;
    private final Clock clock;
    private long nextMillis;

    RetentionSweep(PostgresSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.nextMillis = clock.millis() + settings.pruneInterval().toMillis();
    }

    /** Deletes every task older than the retention, in batches; how many. */
    long deleteAll(Connection connection) throws SQLException {
        if (settings.retention() == null) {
            return 0;
        }
        Instant cutoff = clock.instant().minus(settings.retention());
        long total = 0;
        int deleted;
        do {
            deleted = deleteBatch(connection, cutoff);
            total += deleted;
        } while (deleted == settings.pruneBatchRows());
        return total;
    }

    /** Deletes a batch if one is due; a full batch makes the next one due at once, after what queued meanwhile. */
    void sweepIfDue(DataSource pool) throws SQLException {
        if (settings.retention() == null || clock.millis() < nextMillis) {
            return;
        }
        nextMillis = clock.millis() + settings.pruneInterval().toMillis();
        try (Connection connection = pool.getConnection()) {
            if (deleteBatch(connection, clock.instant().minus(settings.retention())) == settings.pruneBatchRows()) {
                nextMillis = clock.millis();
            }
        }
    }

    /** How long until a sweep is due; {@code Long.MAX_VALUE} without a retention. */
    long millisUntilDue() {
        return settings.retention() == null ? Long.MAX_VALUE : nextMillis - clock.millis();
    }

    private int deleteBatch(Connection connection, Instant cutoff) throws SQLException {
        connection.setAutoCommit(true);
        try (var delete = connection.prepareStatement("DELETE FROM tasks WHERE id IN (SELECT id FROM tasks "
                + "WHERE finished_at < ? ORDER BY finished_at LIMIT ?)")) {
            delete.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
            delete.setInt(2, settings.pruneBatchRows());
            return delete.executeUpdate();
        }
    }
}
