package dev.agentmeter.storage;

import org.sqlite.SQLiteConfig.SynchronousMode;

/**
 * How far a commit goes before it is acknowledged (SQLite's {@code synchronous} in WAL mode).
 * {@link #PROCESS_CRASH}: the commit reaches the operating system, which survives {@code kill -9} of the
 * process but not a power loss. {@link #POWER_LOSS}: the write-ahead log is also synced to the disk.
 */
public enum Durability {
    PROCESS_CRASH(SynchronousMode.NORMAL),
    POWER_LOSS(SynchronousMode.FULL);

    private final SynchronousMode synchronous;

    Durability(SynchronousMode synchronous) {
        this.synchronous = synchronous;
    }

    SynchronousMode synchronous() {
        return synchronous;
    }
}
