package dev.agentmeter.operations;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.metrics.TaskRecord;

/**
 * Runs simulated agent tasks: each really lasts its duration, then is recorded with the time it really
 * took. Waiting is a scheduled timer, not a sleeping thread, so any number of simulations run at once
 * without holding a thread, and never delay other calls. In-flight simulations are capped. A simulation's
 * outcome completes once its task is recorded through the {@link TaskRecorder}, that is once it is durable.
 *
 * <p>Thread-safe.
 */
public final class TaskSimulator {

    /** The message of a simulated failure, as it appears in the error log. */
    public static final String FAILURE_MESSAGE = "Simulated failure";

    private final TaskRecorder recorder;
    private final ScheduledExecutorService timer;
    private final LongSupplier nanoTime;
    private final int maxInFlight;
    // Incremented when a simulation starts and decremented when it finishes, by any thread.
    private final AtomicInteger inFlight = new AtomicInteger();

    public TaskSimulator(TaskRecorder recorder, ScheduledExecutorService timer, LongSupplier nanoTime,
                         int maxInFlight) {
        this.recorder = recorder;
        this.timer = timer;
        this.nanoTime = nanoTime;
        this.maxInFlight = maxInFlight;
    }

    /** A simulator that records in memory only. */
    public TaskSimulator(PerformanceMetrics metrics, ScheduledExecutorService timer, LongSupplier nanoTime,
                         int maxInFlight) {
        this(TaskRecorder.inMemory(metrics), timer, nanoTime, maxInFlight);
    }

    /** Starts a simulation; empty when {@code maxInFlight} are already running. */
    public Optional<CompletableFuture<TaskRecord>> start(String name, Duration duration, boolean shouldFail) {
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            return Optional.empty();
        }
        long startNanos = nanoTime.getAsLong();
        var outcome = new CompletableFuture<TaskRecord>();
        try {
            timer.schedule(() -> finish(name, startNanos, shouldFail, outcome), duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) { // the timer is shut down: the server is stopping
            inFlight.decrementAndGet();
            outcome.completeExceptionally(e);
        }
        return Optional.of(outcome);
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    /** The recorder simulated tasks are recorded through. */
    public TaskRecorder recorder() {
        return recorder;
    }

    private void finish(String name, long startNanos, boolean shouldFail, CompletableFuture<TaskRecord> outcome) {
        try {
            Duration took = Duration.ofNanos(nanoTime.getAsLong() - startNanos);
            recorder.record(name, took, !shouldFail, shouldFail ? FAILURE_MESSAGE : null)
                    .whenComplete((task, failure) -> {
                        if (failure == null) {
                            outcome.complete(task);
                        } else {
                            outcome.completeExceptionally(failure);
                        }
                    });
        } catch (RuntimeException e) {
            outcome.completeExceptionally(e);
        } finally {
            inFlight.decrementAndGet();
        }
    }
}
