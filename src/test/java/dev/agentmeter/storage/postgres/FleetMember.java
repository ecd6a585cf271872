package dev.agentmeter.storage.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.agentmeter.metrics.MetricsCapacities;
import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.metrics.TaskRecord;
import dev.agentmeter.operations.TaskRecorder;

/**
 * One instance's worth of the PostgreSQL store in this JVM: fresh metrics rebuilt from the database, a recorder
 * over them, and the follower started, as {@code AgentMeter.start} wires them. Several on one database make a
 * fleet in one process.
 */
final class FleetMember implements AutoCloseable {

    static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

    final PerformanceMetrics metrics;
    final PostgresStore store;
    final TaskRecorder recorder;
    final PostgresSettings settings;

    private FleetMember(PostgresSettings settings, Clock clock) throws PostgresStartFailure {
        this.settings = settings;
        this.metrics = new PerformanceMetrics(clock, MetricsCapacities.defaults());
        this.store = PostgresStore.start(settings, metrics, clock);
        this.recorder = new TaskRecorder(metrics, store.journal());
        store.follow(recorder);
    }

    static FleetMember join(PostgresLocation database) throws PostgresStartFailure {
        return join(PostgresSettings.of(database, null), Clock.systemUTC());
    }

    static FleetMember join(PostgresSettings settings, Clock clock) throws PostgresStartFailure {
        return new FleetMember(settings, clock);
    }

    /** A task that finished {@code secondsAfterStart} after {@link #START}. */
    static TaskRecord task(String name, long durationMicros, boolean success, long secondsAfterStart) {
        return new TaskRecord(name, durationMicros, success, success ? null : "boom " + name,
                START.plus(Duration.ofSeconds(secondsAfterStart)), success ? "agent-" + name : null);
    }

    long total() {
        return metrics.snapshot().totalRequests();
    }

    /** A connection of the test's own, to look at or change the database behind the store's back. */
    static Connection connect(PostgresLocation database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.properties());
    }

    static long count(PostgresLocation database, String sql) throws SQLException {
        try (var connection = connect(database); var statement = connection.createStatement();
             var result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
