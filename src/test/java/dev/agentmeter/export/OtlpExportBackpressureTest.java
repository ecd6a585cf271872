package dev.agentmeter.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.agentmeter.metrics.MetricsCapacities;
import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.testing.OtlpReceiver;

/**
 * A receiver that is down, answers 503 forever, or never answers, never slows recording: 100,000 tasks recorded
 * through the core by 8 threads, with the exporter listening, finish within a bound that a recording path waiting
 * on the network (a connect, a 5 s timeout) could never meet, and the drop count is exactly what could not be
 * queued.
 */
@Timeout(120)
class OtlpExportBackpressureTest {

    private static final int THREADS = 8;
    private static final int TASKS_PER_THREAD = 12_500;
    private static final int TASKS = THREADS * TASKS_PER_THREAD;
    private static final int CAPACITY = 1_000;
    /** Recording 100,000 tasks in memory takes well under a second; the bound leaves room for a busy machine. */
    private static final Duration BOUND = Duration.ofSeconds(15);

    enum Receiver { DOWN, ANSWERING_503_FOREVER, NEVER_ANSWERING }

    @ParameterizedTest
    @EnumSource(Receiver.class)
    void recordingNeverWaitsForTheReceiverAndCountsExactlyWhatWasDropped(Receiver kind) throws Exception {
        OtlpReceiver receiver = switch (kind) {
            case DOWN -> null;
            case ANSWERING_503_FOREVER -> OtlpReceiver.alwaysAnswering(503);
            case NEVER_ANSWERING -> OtlpReceiver.holding();
        };
        URI url = receiver == null ? URI.create("http://127.0.0.1:" + OtlpTaskExporterTest.freePort())
                : receiver.url();
        var exporter = OtlpTaskExporter.start(OtlpDestination.forBaseUrl("test", url.toString()),
                TaskOrigin.RECORDED, "9.9.9", OtlpTaskExporterTest.quick(CAPACITY, 512, Duration.ofMillis(20)));
        var metrics = new PerformanceMetrics(Clock.systemUTC(), MetricsCapacities.defaults());
        metrics.addEventListener(exporter::onMetricsEvent);
        try {
            // One task the worker takes and then keeps trying to deliver: from here on it takes no other.
            metrics.record("first", Duration.ofMillis(1), true, null);
            await().atMost(OtlpTaskExporterTest.WAIT).until(() -> exporter.view().inFlightSpans() == 1);

            Duration took = recordConcurrently(metrics);

            assertThat(took).isLessThan(BOUND);
            assertThat(metrics.snapshot().totalRequests()).isEqualTo(TASKS + 1);
            OtlpExportView view = exporter.view();
            assertThat(view.queuedSpans()).isEqualTo(CAPACITY);
            assertThat(view.droppedSpans()).isEqualTo(TASKS - CAPACITY);
            assertThat(view.inFlightSpans()).isEqualTo(1);
            assertThat(view.exportedSpans()).isZero();
            assertThat(view.refusedSpans()).isZero();
        } finally {
            exporter.close(Duration.ofMillis(200));
            if (receiver != null) {
                receiver.close();
            }
        }
    }

    private static Duration recordConcurrently(PerformanceMetrics metrics) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            var start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String name = "task-" + t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < TASKS_PER_THREAD; i++) {
                        metrics.record(name, Duration.ofMillis(i % 100), i % 10 != 0, null);
                    }
                    return null;
                }));
            }
            long began = System.nanoTime();
            start.countDown();
            for (Future<?> future : done) {
                future.get(BOUND.toSeconds() * 4, TimeUnit.SECONDS);
            }
            return Duration.ofNanos(System.nanoTime() - began);
        } finally {
            pool.shutdownNow();
        }
    }
}
