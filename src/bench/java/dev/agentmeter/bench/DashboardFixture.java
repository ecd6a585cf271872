package dev.agentmeter.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.agentmeter.metrics.MetricsCapacities;
import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.operations.PerformanceOperations;
import dev.agentmeter.operations.TaskSimulator;
import dev.agentmeter.testing.MutableClock;

/**
 * A store as full as the defaults let it be, wired as {@code AgentMeter} wires it: 500 task names (the
 * cap), a full history and error log, and every second of the 15-minute time series holding tasks.
 * Close it to stop the simulator's timer.
 */
final class DashboardFixture implements AutoCloseable {

    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final int TASKS_PER_SECOND = 60;

    final MutableClock clock = new MutableClock(START);
    final PerformanceMetrics metrics;
    final NaiveMetrics naive;
    final PerformanceOperations operations;
    /** The task names, in the order they were first recorded. */
    final String[] names;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    DashboardFixture(int taskNames) {
        metrics = new PerformanceMetrics(clock, MetricsCapacities.defaults().withMaxTaskNames(taskNames));
        naive = new NaiveMetrics(clock);
        operations = new PerformanceOperations(metrics, new TaskSimulator(metrics, timer, System::nanoTime, 1_000));
        names = new String[taskNames];
        for (int i = 0; i < taskNames; i++) {
            names[i] = "task-" + i;
        }
        var random = new SplittableRandom(7);
        long windowSeconds = MetricsCapacities.DEFAULT_TIME_SERIES_WINDOW.toSeconds();
        int task = 0;
        for (long second = 0; second < windowSeconds; second++) {
            clock.set(START.plusSeconds(second));
            for (int i = 0; i < TASKS_PER_SECOND; i++, task++) {
                String name = names[task % taskNames];
                var duration = Duration.ofMillis(1 + random.nextInt(2_000));
                boolean success = random.nextDouble() >= Workload.FAILURE_RATE;
                String error = success ? null : Workload.FAILURE_MESSAGE;
                metrics.record(name, duration, success, error);
                naive.record(name, duration, success, error);
            }
        }
        clock.set(START.plusSeconds(windowSeconds - 1));
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
    }
}
