package dev.agentmeter.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.agentmeter.AgentMeter;
import dev.agentmeter.Running;
import dev.agentmeter.testing.TestSettings;

/**
 * Two AgentMeters side by side, as a fleet behind one Prometheus: each records its own tasks over its API,
 * and each {@code /metrics} is valid exposition with exactly its own counts.
 */
@Timeout(30)
class FleetMetricsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private Running first;
    private Running second;

    @AfterEach
    void stop() {
        if (first != null) {
            first.stop();
        }
        if (second != null) {
            second.stop();
        }
    }

    @Test
    void eachInstanceExportsValidExpositionWithItsOwnTaskCounts() throws Exception {
        first = AgentMeter.start(TestSettings.forTests());
        second = AgentMeter.start(TestSettings.forTests());
        simulate(first, "search", false, 3);
        simulate(first, "search", true, 1);
        simulate(second, "summarize", false, 2);

        ExpositionParser.Exposition one = ExpositionParser.parse(scrape(first));
        ExpositionParser.Exposition two = ExpositionParser.parse(scrape(second));

        assertThat(one.value("agentmeter_tasks_total", Map.of("task", "search", "outcome", "success"))).hasValue(3.0);
        assertThat(one.value("agentmeter_tasks_total", Map.of("task", "search", "outcome", "failure"))).hasValue(1.0);
        assertThat(one.value("agentmeter_task_duration_seconds_count", Map.of("task", "search"))).hasValue(4.0);
        assertThat(one.samples()).noneMatch(sample -> "summarize".equals(sample.labels().get("task")));
        assertThat(two.value("agentmeter_tasks_total", Map.of("task", "summarize", "outcome", "success")))
                .hasValue(2.0);
        assertThat(two.value("agentmeter_task_duration_seconds_bucket", Map.of("task", "summarize", "le", "+Inf")))
                .hasValue(2.0);
        assertThat(two.samples()).noneMatch(sample -> "search".equals(sample.labels().get("task")));
    }

    private void simulate(Running instance, String name, boolean fail, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            var request = HttpRequest.newBuilder(uri(instance, "/api/tasks/simulate")).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"name\":\"" + name + "\",\"duration\":0,\"should_fail\":" + fail + "}"))
                    .build();
            assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }

    private String scrape(Running instance) throws Exception {
        var response = http.send(HttpRequest.newBuilder(uri(instance, "/metrics")).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static URI uri(Running instance, String path) {
        return URI.create("http://127.0.0.1:" + instance.httpPort() + path);
    }
}
