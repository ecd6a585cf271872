package dev.agentmeter.storage.postgres;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;

import dev.agentmeter.metrics.MetricsCapacities;
import dev.agentmeter.metrics.MetricsEvent;
import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.metrics.TaskRecord;
import dev.agentmeter.operations.TaskRecorder;

/**
 * Part of the load harness ({@code RecordingThroughput ... fleet}), not a test: how long a task committed on
 * instance A takes to show in instance B's memory, over a quiet fleet and while other threads keep A busy.
 * Probe tasks are recorded on A one at a time; B's metrics tell the moment each one arrives. Prints to stderr.
 */
public final class FleetDelay {

    private static final int PROBES = 1_000;
    private static final String PROBE = "fleet-delay-probe";

    private FleetDelay() {
    }

    /** Measures on {@code settings}' database, quiet and then with {@code loadThreads} threads recording on A. */
    public static void measure(PostgresSettings settings, int loadThreads) throws Exception {
        var metricsA = new PerformanceMetrics(Clock.systemUTC(), MetricsCapacities.defaults());
        var metricsB = new PerformanceMetrics(Clock.systemUTC(), MetricsCapacities.defaults());
        try (var a = PostgresStore.start(settings, metricsA, Clock.systemUTC());
             var b = PostgresStore.start(settings, metricsB, Clock.systemUTC())) {
            var recorderA = new TaskRecorder(metricsA, a.journal());
            a.follow(recorderA);
            b.follow(new TaskRecorder(metricsB, b.journal()));
            var seen = new AtomicLongArray(PROBES);
            metricsB.addEventListener(event -> {
                if (event instanceof MetricsEvent.TaskRecorded recorded && recorded.task().name().equals(PROBE)) {
                    seen.set((int) recorded.task().durationMicros(), System.nanoTime());
                }
            });
            probe(recorderA, seen, "quiet fleet");
            var busy = new AtomicBoolean(true);
            ExecutorService load = Executors.newFixedThreadPool(loadThreads);
            try {
                var loaders = new ArrayList<CompletableFuture<Void>>();
                for (int t = 0; t < loadThreads; t++) {
                    int thread = t;
                    loaders.add(CompletableFuture.runAsync(() -> {
                        while (busy.get()) {
                            recorderA.record(new TaskRecord("load-" + thread, 100, true, null, Instant.now())).join();
                        }
                    }, load));
                }
                probe(recorderA, new AtomicLongArray(0), "warm-up under load (discarded)");
                probe(recorderA, seen, loadThreads + " threads recording on A meanwhile");
                busy.set(false);
                CompletableFuture.allOf(loaders.toArray(CompletableFuture[]::new)).get(1, TimeUnit.MINUTES);
            } finally {
                load.shutdownNow();
            }
        }
    }

    private static void probe(TaskRecorder recorderA, AtomicLongArray seen, String label) throws Exception {
        int probes = seen.length() == 0 ? 100 : PROBES;
        long[] fromAck = new long[probes];
        long[] fromRecord = new long[probes];
        for (int i = 0; i < probes; i++) {
            if (seen.length() > 0) {
                seen.set(i, 0);
            }
            long recorded = System.nanoTime();
            String name = seen.length() == 0 ? "fleet-delay-warm-up" : PROBE;
            recorderA.record(new TaskRecord(name, i, true, null, Instant.now())).join();
            long acknowledged = System.nanoTime();
            if (seen.length() == 0) {
                continue;
            }
            long deadline = acknowledged + TimeUnit.SECONDS.toNanos(10);
            while (seen.get(i) == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            fromAck[i] = Math.max(0, seen.get(i) - acknowledged);
            fromRecord[i] = seen.get(i) - recorded;
        }
        if (seen.length() > 0) {
            System.err.printf("fold-in delay, %s, %d probes: from A's acknowledgment median %.2f ms, p99 %.2f ms; "
                            + "from A's recording median %.2f ms, p99 %.2f ms%n", label, probes,
                    percentileMillis(fromAck, 50), percentileMillis(fromAck, 99),
                    percentileMillis(fromRecord, 50), percentileMillis(fromRecord, 99));
        }
    }

    private static double percentileMillis(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
