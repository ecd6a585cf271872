package dev.agentmeter.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.agentmeter.metrics.MetricsEvent;
import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.metrics.TaskRecord;
import dev.agentmeter.testing.MutableClock;

class PrometheusExporterTest {

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");

    private PrometheusExporter exporter(int maxTaskNames) {
        return new PrometheusExporter(maxTaskNames, clock, clock.instant(), () -> 3);
    }

    private static void record(PrometheusExporter exporter, String name, long durationMillis, boolean success) {
        exporter.onMetricsEvent(new MetricsEvent.TaskRecorded(new TaskRecord(name, durationMillis * 1000, success,
                success ? null : "boom", Instant.parse("2026-01-01T00:00:00Z"))));
    }

    private static ExpositionParser.Exposition scrape(PrometheusExporter exporter) {
        return ExpositionParser.parse(exporter.scrape(null).body());
    }

    @Test
    void tasksAreCountedByTaskAndOutcome() {
        var exporter = exporter(10);
        record(exporter, "search", 5, true);
        record(exporter, "search", 5, true);
        record(exporter, "search", 5, false);

        var exposition = scrape(exporter);

        assertThat(exposition.types()).containsEntry("agentmeter_tasks_total", "counter");
        assertThat(exposition.value("agentmeter_tasks_total", Map.of("task", "search", "outcome", "success")))
                .hasValue(2.0);
        assertThat(exposition.value("agentmeter_tasks_total", Map.of("task", "search", "outcome", "failure")))
                .hasValue(1.0);
    }

    @Test
    void durationsFallInTheGenAiBucketsInSeconds() {
        var exporter = exporter(10);
        record(exporter, "plan", 15, true);   // 0.015 s: in le=0.02, not le=0.01
        record(exporter, "plan", 1500, true); // 1.5 s: in le=2

        var exposition = scrape(exporter);

        assertThat(exposition.types()).containsEntry("agentmeter_task_duration_seconds", "histogram");
        assertThat(exposition.samples()).filteredOn(s -> s.name().equals("agentmeter_task_duration_seconds_bucket"))
                .extracting(s -> s.labels().get("le"))
                .containsExactly("0.01", "0.02", "0.05", "0.1", "0.2", "0.5", "1.0", "2.0", "5.0", "10.0", "30.0",
                        "60.0", "120.0", "300.0", "+Inf");
        assertThat(exposition.value("agentmeter_task_duration_seconds_bucket", Map.of("task", "plan", "le", "0.01")))
                .hasValue(0.0);
        assertThat(exposition.value("agentmeter_task_duration_seconds_bucket", Map.of("task", "plan", "le", "0.02")))
                .hasValue(1.0);
        assertThat(exposition.value("agentmeter_task_duration_seconds_bucket", Map.of("task", "plan", "le", "2.0")))
                .hasValue(2.0);
        assertThat(exposition.value("agentmeter_task_duration_seconds_sum", Map.of("task", "plan")))
                .hasValueSatisfying(sum -> assertThat(sum).isCloseTo(1.515, org.assertj.core.data.Offset.offset(1e-9)));
    }

    @Test
    void namesBeyondTheCapShareTheOtherLabel() {
        var exporter = exporter(2);
        record(exporter, "a", 1, true);
        record(exporter, "b", 1, true);
        record(exporter, "c", 1, true);
        record(exporter, "d", 1, true);

        var exposition = scrape(exporter);

        assertThat(exposition.value("agentmeter_tasks_total", Map.of("task", PerformanceMetrics.OTHER_TASKS, "outcome", "success")))
                .hasValue(2.0);
        assertThat(exposition.samples()).filteredOn(s -> s.name().equals("agentmeter_tasks_total"))
                .extracting(s -> s.labels().get("task")).containsExactlyInAnyOrder("a", "b", PerformanceMetrics.OTHER_TASKS);
    }

    @Test
    void tasksCarryTheirAgentAsALabel() {
        var exporter = exporter(10);
        exporter.onMetricsEvent(new MetricsEvent.TaskRecorded(
                new TaskRecord("search", 5_000, true, null, Instant.EPOCH, "planner-bot")));
        record(exporter, "search", 5, true);

        var exposition = scrape(exporter);

        assertThat(exposition.value("agentmeter_tasks_total",
                Map.of("task", "search", "agent", "planner-bot", "outcome", "success"))).hasValue(1.0);
        assertThat(exposition.value("agentmeter_tasks_total", Map.of("task", "search", "outcome", "success")))
                .hasValue(1.0);
    }

    @Test
    void agentsBeyondTheCapShareTheOtherAgentLabel() {
        var exporter = exporter(1_000);
        for (int i = 0; i < PerformanceMetrics.MAX_AGENTS + 5; i++) {
            exporter.onMetricsEvent(new MetricsEvent.TaskRecorded(
                    new TaskRecord("t", 1_000, true, null, Instant.EPOCH, "agent-" + i)));
        }

        var agents = scrape(exporter).samples().stream()
                .filter(sample -> sample.name().equals("agentmeter_tasks_total"))
                .map(sample -> sample.labels().get("agent")).distinct().toList();

        assertThat(agents).hasSize(PerformanceMetrics.MAX_AGENTS + 1).contains(PerformanceMetrics.OTHER_AGENTS);
    }

    @Test
    void agentTaskPairsBeyondTheCapShareTheOtherTaskLabel() {
        var exporter = exporter(3);
        for (String agent : new String[] {"a", "b"}) {
            for (String task : new String[] {"x", "y"}) {
                exporter.onMetricsEvent(new MetricsEvent.TaskRecorded(
                        new TaskRecord(task, 1_000, true, null, Instant.EPOCH, agent)));
            }
        }

        var exposition = scrape(exporter);

        assertThat(exposition.samples()).filteredOn(sample -> sample.name().equals("agentmeter_tasks_total"))
                .hasSize(4);
        assertThat(exposition.value("agentmeter_tasks_total",
                Map.of("task", PerformanceMetrics.OTHER_TASKS, "agent", "b", "outcome", "success"))).hasValue(1.0);
    }

    @Test
    void countersKeepCountingAcrossAResetOfTheFigures() {
        var exporter = exporter(10);
        record(exporter, "search", 5, true);
        exporter.onMetricsEvent(new MetricsEvent.MetricsReset(1));
        record(exporter, "search", 5, true);

        assertThat(scrape(exporter).value("agentmeter_tasks_total", Map.of("task", "search", "outcome", "success")))
                .hasValue(2.0);
    }

    @Test
    void selfMonitoringHistogramsCarryRouteAndToolLabels() {
        var exporter = exporter(10);
        exporter.observeHttpRequest("/api/metrics", "GET", 200, 2_000_000);
        exporter.observeToolCall("get_alerts", false, 1_000_000);

        var exposition = scrape(exporter);

        assertThat(exposition.value("agentmeter_http_request_duration_seconds_count",
                Map.of("route", "/api/metrics", "method", "GET", "status", "200"))).hasValue(1.0);
        assertThat(exposition.value("agentmeter_mcp_tool_duration_seconds_count",
                Map.of("tool", "get_alerts", "outcome", "success"))).hasValue(1.0);
        assertThat(exposition.value("agentmeter_event_streams_open", Map.of())).hasValue(3.0);
    }

    @Test
    void jvmMemoryAndThreadsAreExported() {
        var exposition = scrape(exporter(10));

        assertThat(exposition.types()).containsKeys("jvm_memory_used_bytes", "jvm_threads_current");
    }

    @Test
    void firstScrapesRacingEachOtherEachCarryTheJvmSeriesRegisteredOnce() throws Exception {
        var exporter = exporter(10);
        int threads = 8;
        var start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<ExpositionParser.Exposition>> scrapes = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                scrapes.add(pool.submit(() -> {
                    start.await();
                    return scrape(exporter);
                }));
            }
            start.countDown();

            for (var result : scrapes) {
                assertThat(result.get(30, TimeUnit.SECONDS).types())
                        .containsKeys("jvm_memory_used_bytes", "jvm_threads_current", "agentmeter_event_streams_open");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(exporter.scrape(null).body().lines().filter("# TYPE jvm_threads_current gauge"::equals))
                .as("registered once: a second registration would have thrown on a duplicate name")
                .hasSize(1);
    }

    @Test
    void anOpenMetricsAcceptHeaderGetsOpenMetrics() {
        var scrape = exporter(10).scrape("application/openmetrics-text; version=1.0.0; charset=utf-8");

        assertThat(scrape.contentType()).startsWith("application/openmetrics-text");
        assertThat(scrape.body()).endsWith("# EOF\n");
    }

    @Test
    void withoutAnAcceptHeaderTheAnswerIsThePrometheusTextFormat() {
        assertThat(exporter(10).scrape(null).contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
    }

    @Test
    void theServerStatusSumsEachRouteAcrossStatusesWithItsP95() {
        var exporter = exporter(10);
        for (int i = 0; i < 19; i++) {
            exporter.observeHttpRequest("/api/metrics", "GET", 200, 2_000_000); // 2 ms: bucket (1, 2.5] ms
        }
        exporter.observeHttpRequest("/api/metrics", "GET", 500, 2_000_000);
        clock.advance(java.time.Duration.ofSeconds(42));

        ServerStatusView status = exporter.serverStatusView();

        assertThat(status.uptimeSeconds()).isEqualTo(42);
        assertThat(status.openEventStreams()).isEqualTo(3);
        assertThat(status.threads()).isPositive();
        assertThat(status.routes()).singleElement().satisfies(route -> {
            assertThat(route.requests()).isEqualTo(20);
            assertThat(route.serverErrors()).isEqualTo(1);
            assertThat(route.p95Ms()).isBetween(1.0, 2.5);
        });
    }
}
