package dev.agentmeter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.sun.net.httpserver.HttpServer;

import dev.agentmeter.alerts.AlertRuleParser;
import dev.agentmeter.testing.TestSettings;

/** {@code /metrics}, {@code /api/server}, {@code /api/alerts} and alerts in the event stream, over the wire. */
@Timeout(30)
class ObservabilityEndToEndTest {

    // Long enough that only the test's own evaluate() calls move the alerts.
    private static final Duration MANUAL_ONLY = Duration.ofHours(1);

    private TestServer server;
    private SseClient stream;

    @AfterEach
    void stop() {
        if (stream != null) {
            stream.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void start(String... rules) throws Exception {
        server = TestServer.start(TestSettings.builder().alerts(
                List.of(rules).stream().map(AlertRuleParser::parse).toList(), null, MANUAL_ONLY).build());
    }

    private void recordTask(String name, boolean success) {
        server.running().metrics().record(name, Duration.ofMillis(5), success, success ? null : "boom");
    }

    @Test
    void metricsAnswersThePrometheusTextFormatWithTheRecordedTasks() throws Exception {
        start();
        recordTask("search", true);
        recordTask("search", false);

        var response = server.get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(response.body())
                // A task without an agent has an empty agent label, which Prometheus reads as none.
                .contains("agentmeter_tasks_total{agent=\"\",outcome=\"success\",task=\"search\"} 1.0")
                .contains("agentmeter_tasks_total{agent=\"\",outcome=\"failure\",task=\"search\"} 1.0")
                .contains("agentmeter_task_duration_seconds_count{agent=\"\",task=\"search\"} 2");
    }

    @Test
    void metricsCarryTheTokensDurationAndCostOfAReportedModelCall() throws Exception {
        start();
        var answer = server.postJson("/api/tasks", "{\"name\":\"chat\",\"duration_ms\":30,\"success\":true,"
                + "\"agent\":\"planner\",\"model\":\"gpt-5\",\"provider\":\"openai\",\"input_tokens\":1200,"
                + "\"output_tokens\":300,\"cost_usd\":0.25}");
        assertThat(answer.statusCode()).isEqualTo(200);

        String metrics = server.get("/metrics").body();

        assertThat(metrics).contains("gen_ai_client_token_usage_sum{gen_ai_provider_name=\"openai\","
                        + "gen_ai_request_model=\"gpt-5\",gen_ai_token_type=\"input\"} 1200.0")
                .contains("gen_ai_client_operation_duration_seconds_count{error_type=\"\","
                        + "gen_ai_provider_name=\"openai\",gen_ai_request_model=\"gpt-5\"} 1")
                .contains("agentmeter_cost_usd_total{agent=\"planner\",model=\"gpt-5\"} 0.25");
    }

    @Test
    void apiAnswersAreCountedByRouteWithUnknownPathsUnderOneLabel() throws Exception {
        start();
        server.get("/api/metrics");
        server.get("/api/metrics");
        server.get("/api/no-such-thing-" + System.nanoTime());

        String metrics = server.get("/metrics").body();

        assertThat(metrics).contains("agentmeter_http_request_duration_seconds_count{method=\"GET\","
                + "route=\"/api/metrics\",status=\"200\"} 2");
        assertThat(metrics).contains("agentmeter_http_request_duration_seconds_count{method=\"GET\","
                + "route=\"unmatched\",status=\"404\"} 1");
    }

    @Test
    void serverStatusShowsTheProcessAndTheRoutesItAnswered() throws Exception {
        start();
        server.get("/api/metrics");

        Map<String, Object> envelope = Envelopes.read(server.get("/api/server").body());

        assertThat(envelope).containsEntry("status", "success");
        @SuppressWarnings("unchecked")
        var data = (Map<String, Object>) envelope.get("data");
        assertThat(data).containsKeys("uptime_seconds", "heap_used_bytes", "heap_max_bytes", "threads",
                "open_event_streams", "tools");
        assertThat((Number) data.get("threads")).matches(threads -> threads.intValue() > 0);
        assertThat((List<?>) data.get("routes")).anySatisfy(route ->
                assertThat(asMap(route)).containsEntry("route", "/api/metrics").containsEntry("requests", 1));
    }

    @Test
    void alertsListsAFiringRuleWithItsValue() throws Exception {
        start("error_rate > 20% window=10s");
        recordTask("search", false);
        server.running().alerts().evaluate();

        Map<String, Object> envelope = Envelopes.read(server.get("/api/alerts").body());

        assertThat((List<?>) envelope.get("data")).singleElement().satisfies(alert -> assertThat(asMap(alert))
                .containsEntry("rule", "error_rate > 20% window=10s")
                .containsEntry("value", 100.0)
                .containsEntry("threshold", 20.0)
                .containsEntry("unit", "percent"));
    }

    @Test
    void theEventStreamCarriesAnAlertWhileItFiresAndDropsItWhenItResolves() throws Exception {
        start("error_rate > 20% window=10s");
        stream = SseClient.connect(server.http(), server.uri("/api/events"));
        await().atMost(Duration.ofSeconds(5)).until(() -> stream.count() >= 1);
        assertThat(stream.last().json()).containsEntry("alerts", List.of());

        recordTask("search", false);
        server.running().alerts().evaluate();
        await().atMost(Duration.ofSeconds(5)).until(() -> !alertsOf(stream.last()).isEmpty());
        assertThat(alertsOf(stream.last())).singleElement().satisfies(alert ->
                assertThat(asMap(alert)).containsEntry("rule", "error_rate > 20% window=10s"));

        for (int i = 0; i < 9; i++) {
            recordTask("search", true);
        }
        server.running().alerts().evaluate();
        await().atMost(Duration.ofSeconds(5)).until(() -> alertsOf(stream.last()).isEmpty());
    }

    @Test
    void theScheduledEvaluationPostsAFiringRuleToTheWebhook() throws Exception {
        var bodies = new CopyOnWriteArrayList<String>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            try (var in = exchange.getRequestBody()) {
                bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            URI hook = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
            server = TestServer.start(TestSettings.builder().alerts(
                    List.of(AlertRuleParser.parse("error_rate > 20% window=10s")), hook, Duration.ofMillis(100)).build());

            recordTask("search", false);

            await().atMost(Duration.ofSeconds(5)).until(() -> !bodies.isEmpty());
            assertThat(bodies.get(0)).contains("\"status\":\"firing\"", "\"rule\":\"error_rate > 20% window=10s\"");
        } finally {
            receiver.stop(0);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }

    private static List<?> alertsOf(SseClient.Event event) {
        return (List<?>) event.json().get("alerts");
    }
}
