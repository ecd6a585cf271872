package dev.agentmeter.storage.postgres;

import java.time.Duration;
import java.util.Objects;

/**
 * What the PostgreSQL store needs to know. Immutable.
 *
 * @param location          the database
 * @param retention         rows older than this are deleted; {@code null} keeps them forever
 * @param queueCapacity     tasks waiting to be written at most, also while the database is down (the backlog);
 *                          one more is refused at once and kept in this instance's memory only
 * @param maxBatchRows      commands written in one transaction at most (group commit)
 * @param pruneInterval     gap between two retention sweeps
 * @param pruneBatchRows    rows one retention transaction deletes at most
 * @param probeInterval     while the database is down, how often the writer and the follower try it again
 * @param connectTimeout    how long one attempt to get a connection waits
 * @param startTimeout      how long the start keeps trying to reach the database before it gives up
 * @param heartbeatInterval how often this instance says it is alive, and reads who else is
 */
public record PostgresSettings(PostgresLocation location, Duration retention, int queueCapacity, int maxBatchRows,
                               Duration pruneInterval, int pruneBatchRows, Duration probeInterval,
                               Duration connectTimeout, Duration startTimeout, Duration heartbeatInterval) {

    public static final int DEFAULT_QUEUE_CAPACITY = 100_000;
    public static final int DEFAULT_MAX_BATCH_ROWS = 10_000;
    public static final Duration DEFAULT_PRUNE_INTERVAL = Duration.ofMinutes(5);
    public static final int DEFAULT_PRUNE_BATCH_ROWS = 5_000;
    public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(5);

    public PostgresSettings {
        Objects.requireNonNull(location, "location");
        if (retention != null && (retention.isNegative() || retention.isZero())) {
            throw new IllegalArgumentException("retention must be positive, was " + retention);
        }
        requirePositive("queueCapacity", queueCapacity);
        requirePositive("maxBatchRows", maxBatchRows);
        requirePositive("pruneBatchRows", pruneBatchRows);
        for (Duration duration : new Duration[] {pruneInterval, probeInterval, connectTimeout, startTimeout,
                heartbeatInterval}) {
            requirePositive("every interval", duration.toMillis());
        }
        if (connectTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("connectTimeout must be at least 250 ms (the pool's least)");
        }
    }

    /** The given database and retention with the default bounds. */
    public static PostgresSettings of(PostgresLocation location, Duration retention) {
        return new PostgresSettings(location, retention, DEFAULT_QUEUE_CAPACITY, DEFAULT_MAX_BATCH_ROWS,
                DEFAULT_PRUNE_INTERVAL, DEFAULT_PRUNE_BATCH_ROWS, DEFAULT_PROBE_INTERVAL, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_START_TIMEOUT, DEFAULT_HEARTBEAT_INTERVAL);
    }

    public PostgresSettings withQueueCapacity(int value) {
        return new PostgresSettings(location, retention, value, maxBatchRows, pruneInterval, pruneBatchRows,
                probeInterval, connectTimeout, startTimeout, heartbeatInterval);
    }

    public PostgresSettings withPruning(Duration interval, int batchRows) {
        return new PostgresSettings(location, retention, queueCapacity, maxBatchRows, interval, batchRows,
                probeInterval, connectTimeout, startTimeout, heartbeatInterval);
    }

    public PostgresSettings withStartTimeout(Duration value) {
        return new PostgresSettings(location, retention, queueCapacity, maxBatchRows, pruneInterval, pruneBatchRows,
                probeInterval, connectTimeout, value, heartbeatInterval);
    }

    public PostgresSettings withHeartbeatInterval(Duration value) {
        return new PostgresSettings(location, retention, queueCapacity, maxBatchRows, pruneInterval, pruneBatchRows,
                probeInterval, connectTimeout, startTimeout, value);
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
