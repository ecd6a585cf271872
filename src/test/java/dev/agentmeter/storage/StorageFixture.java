package dev.agentmeter.storage;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import dev.agentmeter.metrics.MetricsCapacities;
import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.metrics.TaskRecord;
import dev.agentmeter.operations.TaskRecorder;
import dev.agentmeter.testing.MutableClock;

/**
 * A process's worth of storage for tests: fresh metrics rebuilt from the folder, and a recorder over them.
 * Open another on the same folder after closing this one to see what a restart would see.
 */
final class StorageFixture implements AutoCloseable {

    static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

    final MutableClock clock;
    final PerformanceMetrics metrics;
    final Storage storage;
    final TaskRecorder recorder;

    StorageFixture(StorageSettings settings, MutableClock clock) {
        this.clock = clock;
        this.metrics = new PerformanceMetrics(clock, MetricsCapacities.defaults());
        this.storage = Storage.start(settings, metrics, clock);
        this.recorder = new TaskRecorder(metrics, storage.journal());
    }

    static StorageFixture open(Path folder) {
        return new StorageFixture(StorageSettings.of(folder, null), new MutableClock(START));
    }

    /** A task that finished {@code secondsAfterStart} after {@link #START}. */
    static TaskRecord task(String name, long durationMicros, boolean success, long secondsAfterStart) {
        return new TaskRecord(name, durationMicros, success, success ? null : "boom " + name,
                START.plus(Duration.ofSeconds(secondsAfterStart)), success ? "agent-" + name : null);
    }

    @Override
    public void close() {
        storage.close();
    }
}
