package dev.agentmeter.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.agentmeter.metrics.MetricsCapacities;
import dev.agentmeter.metrics.MetricsEvent;
import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.metrics.TaskRecord;
import dev.agentmeter.testing.MutableClock;

/** The recorder's events reach listeners after its lock is let go: listeners may record and reset. */
class EventsOutsideTheLockTest {

    private static final int THREADS = 8;
    private static final int TASKS_PER_THREAD = 200;

    private final PerformanceMetrics metrics = new PerformanceMetrics(MutableClock.at("2026-11-30T10:00:00Z"),
            MetricsCapacities.defaults());
    private final TaskRecorder recorder = TaskRecorder.inMemory(metrics);
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    // Steps taken by every thread together, so that one step in fifty resets.
    private final AtomicLong steps = new AtomicLong();

    @AfterEach
    void stopThreads() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aListenerThatResetsOnAFailureDoesNotDeadlockTheRecordingThread() throws Exception {
        var resets = new AtomicInteger();
        metrics.addEventListener(event -> {
            if (event instanceof MetricsEvent.TaskRecorded recorded && !recorded.task().success()) {
                resets.incrementAndGet();
                recorder.reset(); // a write lock: under the recording thread's read lock it would wait forever
            }
        });

        Future<?> recording = pool.submit(() -> recorder.record("broken", Duration.ofMillis(1), false, "boom"));

        recording.get(10, TimeUnit.SECONDS);
        assertThat(resets).hasValue(1);
        assertThat(metrics.snapshot().totalRequests()).isZero();
    }

    @Test
    void aListenerThatRecordsIsNeitherReenteredNorLosesATaskUnderEightWriters() throws Exception {
        var depth = new AtomicInteger();
        var deepest = new AtomicInteger();
        var echoes = new AtomicInteger();
        metrics.addEventListener(event -> {
            deepest.accumulateAndGet(depth.incrementAndGet(), Math::max);
            if (event instanceof MetricsEvent.TaskRecorded recorded && recorded.task().name().equals("ask")) {
                recorder.record("echo", Duration.ofMillis(1), true, null);
            } else if (event instanceof MetricsEvent.TaskRecorded) {
                echoes.incrementAndGet();
            }
            depth.decrementAndGet();
        });

        runOnEveryThread(() -> recorder.record("ask", Duration.ofMillis(2), true, null));

        assertThat(metrics.snapshot().totalRequests()).isEqualTo(2L * THREADS * TASKS_PER_THREAD);
        assertThat(echoes).hasValue(THREADS * TASKS_PER_THREAD);
        assertThat(deepest).as("listener invocations never overlap nor nest").hasValue(1);
    }

    @Test
    void listenersSeeRecordingsAndResetsInTheOrderTheLockGaveThem() throws Exception {
        var sinceLastReset = new AtomicLong();
        metrics.addEventListener(event -> {
            if (event instanceof MetricsEvent.TaskRecorded) {
                sinceLastReset.incrementAndGet();
            } else if (event instanceof MetricsEvent.MetricsReset) {
                sinceLastReset.set(0);
            }
        });

        runOnEveryThread(() -> {
            recorder.record("work", Duration.ofMillis(3), true, null);
            if (steps.incrementAndGet() % 50 == 0) {
                recorder.reset();
            }
        });

        assertThat(sinceLastReset.get()).isEqualTo(metrics.snapshot().totalRequests());
    }

    @Test
    void eventsRaisedWhileTheRecorderHoldsItsLockAreDeliveredAfterward() {
        var delivered = new ArrayList<String>();
        metrics.addEventListener(event -> delivered.add(event.getClass().getSimpleName()));

        recorder.besideRecording(() -> {
            metrics.recordFoldedIn(new TaskRecord("theirs", 1_000, true, null,
                    metrics.now()));
            assertThat(delivered).as("nothing delivered under the lock").isEmpty();
            return null;
        });

        assertThat(delivered).containsExactly("TaskRecorded");
    }

    private void runOnEveryThread(Runnable step) throws Exception {
        var start = new CountDownLatch(1);
        var done = new ArrayList<Future<?>>();
        for (int t = 0; t < THREADS; t++) {
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < TASKS_PER_THREAD; i++) {
                    step.run();
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : done) {
            future.get(60, TimeUnit.SECONDS);
        }
    }
}
