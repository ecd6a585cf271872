package dev.agentmeter.export;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import dev.agentmeter.operations.FleetInstanceView;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;

/**
 * Builds the {@link ServerStatusView} from the JVM's management beans and the self-monitoring histograms: the
 * figures behind {@code ServerStatusOperations} ({@code GET /api/server}).
 *
 * <p>Thread-safe.
 */
final class ServerStatusReport {

    private static final double P95 = 0.95;

    private final SelfMetrics self;
    private final Clock clock;
    private final Instant startedAt;
    private final IntSupplier openEventStreams;
    private final Supplier<List<FleetInstanceView>> instances;
    // Set at most once while starting, read by every view.
    private volatile Supplier<OtlpExportView> otlpExport = () -> null;

    ServerStatusReport(SelfMetrics self, Clock clock, Instant startedAt, IntSupplier openEventStreams,
                       Supplier<List<FleetInstanceView>> instances) {
        this.self = self;
        this.clock = clock;
        this.startedAt = startedAt;
        this.openEventStreams = openEventStreams;
        this.instances = instances;
    }

    void watchOtlpExport(Supplier<OtlpExportView> figures) {
        otlpExport = figures;
    }

    ServerStatusView view() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new ServerStatusView(Duration.between(startedAt, clock.instant()).toSeconds(), heap.getUsed(),
                heap.getMax() < 0 ? null : heap.getMax(), ManagementFactory.getThreadMXBean().getThreadCount(),
                openEventStreams.getAsInt(), routes(), tools(), otlpExport.get(), instances.get());
    }

    private List<ServerStatusView.RouteLoad> routes() {
        var merged = new LinkedHashMap<List<String>, Merged>();
        for (HistogramDataPointSnapshot point : self.httpSnapshot().getDataPoints()) {
            var key = List.of(point.getLabels().get("route"), point.getLabels().get("method"));
            boolean serverError = point.getLabels().get("status").startsWith("5");
            merged.computeIfAbsent(key, k -> new Merged()).add(point, serverError);
        }
        var result = new ArrayList<ServerStatusView.RouteLoad>();
        merged.forEach((key, sums) -> result.add(new ServerStatusView.RouteLoad(key.get(0), key.get(1),
                sums.count, sums.errors, sums.quantileMillis())));
        result.sort(Comparator.comparing(ServerStatusView.RouteLoad::route)
                .thenComparing(ServerStatusView.RouteLoad::method));
        return result;
    }

    private List<ServerStatusView.ToolLoad> tools() {
        var merged = new LinkedHashMap<String, Merged>();
        HistogramSnapshot snapshot = self.toolSnapshot();
        for (HistogramDataPointSnapshot point : snapshot.getDataPoints()) {
            boolean error = "error".equals(point.getLabels().get("outcome"));
            merged.computeIfAbsent(point.getLabels().get("tool"), k -> new Merged()).add(point, error);
        }
        var result = new ArrayList<ServerStatusView.ToolLoad>();
        merged.forEach((tool, sums) -> result.add(new ServerStatusView.ToolLoad(tool, sums.count, sums.errors,
                sums.quantileMillis())));
        result.sort(Comparator.comparing(ServerStatusView.ToolLoad::tool));
        return result;
    }

    /** The data points of one route or tool, added up. Owned by one thread. */
    private static final class Merged {
        private double[] bounds;
        private long[] counts;
        private long count;
        private long errors;

        void add(HistogramDataPointSnapshot point, boolean error) {
            var buckets = point.getClassicBuckets();
            if (bounds == null) {
                bounds = BucketQuantile.upperBounds(buckets);
                counts = new long[bounds.length];
            }
            for (int i = 0; i < counts.length; i++) {
                counts[i] += buckets.getCount(i);
            }
            count += point.getCount();
            if (error) {
                errors += point.getCount();
            }
        }

        Double quantileMillis() {
            Double seconds = BucketQuantile.estimate(bounds, counts, P95);
            return seconds == null ? null : seconds * 1000;
        }
    }
}
