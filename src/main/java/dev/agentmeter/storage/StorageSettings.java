package dev.agentmeter.storage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What storage needs to know.
 *
 * @param dataDir        the folder of the database; created when missing
 * @param retention      rows older than this are deleted; {@code null} keeps them forever
 * @param durability     how far a commit goes before tasks are acknowledged
 * @param queueCapacity  tasks waiting to be written at most; a recording that would pass it is refused whole at
 *                       once (nothing recorded, so the client can send it again)
 * @param maxBatchRows   commands written in one transaction at most (group commit)
 * @param pruneInterval  gap between two retention sweeps
 * @param pruneBatchRows rows one retention transaction deletes at most, so writes never wait long
 * @param probeInterval  while writes fail, how often an idle writer tries again to see whether they work
 */
public record StorageSettings(Path dataDir, Duration retention, Durability durability, int queueCapacity,
                              int maxBatchRows, Duration pruneInterval, int pruneBatchRows, Duration probeInterval) {

    public static final Durability DEFAULT_DURABILITY = Durability.POWER_LOSS;
    public static final int DEFAULT_QUEUE_CAPACITY = 100_000;
    public static final int DEFAULT_MAX_BATCH_ROWS = 10_000;
    public static final Duration DEFAULT_PRUNE_INTERVAL = Duration.ofMinutes(5);
    public static final int DEFAULT_PRUNE_BATCH_ROWS = 5_000;
    public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofSeconds(5);

    public StorageSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(durability, "durability");
        if (retention != null && (retention.isNegative() || retention.isZero())) {
            throw new IllegalArgumentException("retention must be positive, was " + retention);
        }
        requirePositive("queueCapacity", queueCapacity);
        requirePositive("maxBatchRows", maxBatchRows);
        requirePositive("pruneBatchRows", pruneBatchRows);
        requirePositive("pruneInterval", pruneInterval.toMillis());
        requirePositive("probeInterval", probeInterval.toMillis());
    }

    /** The given folder and retention with the default durability and bounds. */
    public static StorageSettings of(Path dataDir, Duration retention) {
        return new StorageSettings(dataDir, retention, DEFAULT_DURABILITY, DEFAULT_QUEUE_CAPACITY,
                DEFAULT_MAX_BATCH_ROWS, DEFAULT_PRUNE_INTERVAL, DEFAULT_PRUNE_BATCH_ROWS, DEFAULT_PROBE_INTERVAL);
    }

    public StorageSettings withDurability(Durability value) {
        return new StorageSettings(dataDir, retention, value, queueCapacity, maxBatchRows, pruneInterval,
                pruneBatchRows, probeInterval);
    }

    public StorageSettings withQueueCapacity(int value) {
        return new StorageSettings(dataDir, retention, durability, value, maxBatchRows, pruneInterval,
                pruneBatchRows, probeInterval);
    }

    public StorageSettings withPruning(Duration interval, int batchRows) {
        return new StorageSettings(dataDir, retention, durability, queueCapacity, maxBatchRows, interval,
                batchRows, probeInterval);
    }

    public StorageSettings withProbeInterval(Duration value) {
        return new StorageSettings(dataDir, retention, durability, queueCapacity, maxBatchRows, pruneInterval,
                pruneBatchRows, value);
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
