package dev.agentmeter.operations;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.agentmeter.metrics.MetricsCapacities;
import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.testing.MutableClock;

/** Real operations over a real store with a hand-moved clock and a real timer; close it after the test. */
final class OperationsFixture implements AutoCloseable {

    final MutableClock clock = MutableClock.at("2026-11-24T10:00:00Z");
    final PerformanceMetrics metrics;
    final ScheduledExecutorService timer = Executors.newScheduledThreadPool(1);
    final PerformanceOperations operations;

    OperationsFixture(MetricsCapacities capacities, int maxSimulations) {
        metrics = new PerformanceMetrics(clock, capacities);
        operations = new PerformanceOperations(metrics,
                new TaskSimulator(metrics, timer, System::nanoTime, maxSimulations));
    }

    OperationsFixture() {
        this(MetricsCapacities.defaults(), 1_000);
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
    }
}
