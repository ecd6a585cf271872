package dev.agentmeter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.agentmeter.storage.StorageSettings;
import dev.agentmeter.testing.StdoutText;
import dev.agentmeter.testing.TestSettings;
import dev.agentmeter.web.guard.RateLimit;

/**
 * {@code --stdio} with HTTP, in process: stdio is served before the dashboard starts (which waits for the client's
 * first exchange, or a few seconds of silence), yet {@code start} still returns with HTTP listening, and tool calls
 * read figures already rebuilt from storage.
 */
class StdioStartupOrderTest {

    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}\n"
            + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n";

    @TempDir
    Path folder;

    @Test
    void stdioAnswersToolsListAndTheDashboardListensOnceStartReturns() throws Exception {
        var stdin = new PipedOutputStream();
        var stdout = new StdoutText();
        Running running = AgentMeter.start(stdioWithHttp(), new PipedInputStream(stdin), stdout);
        try {
            send(stdin, INITIALIZE + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}\n");

            await().atMost(Duration.ofSeconds(10)).until(() -> stdout.text().contains("\"id\":2"));
            assertThat(stdout.text()).contains("\"get_performance_metrics\"");
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + running.httpPort() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        } finally {
            stdin.close();
            running.stop();
        }
    }

    @Test
    void aStdioClientThatSaysNothingStillGetsTheDashboardAndItsAnswersAfterwards() throws Exception {
        var stdin = new PipedOutputStream();
        var stdout = new StdoutText();
        // The dashboard waits for the client's first exchange, but only for a while: start returns with it up.
        Running running = AgentMeter.start(stdioWithHttp(), new PipedInputStream(stdin), stdout);
        try {
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + running.httpPort() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(stdout.text()).isEmpty();

            send(stdin, INITIALIZE + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}\n");

            await().atMost(Duration.ofSeconds(10)).until(() -> stdout.text().contains("\"id\":2"));
            assertThat(stdout.text()).contains("\"get_performance_metrics\"");
        } finally {
            stdin.close();
            running.stop();
        }
    }

    @Test
    void theFirstToolCallOverStdioReadsTheFiguresRebuiltFromStorage() throws Exception {
        Running first = AgentMeter.start(TestSettings.builder().http(false).storage(folder, null).build());
        for (int i = 0; i < 3; i++) {
            first.operations().recordAgentTasks(Map.of("name", "stored", "duration_ms", 5, "success", true)).join();
        }
        first.stop();
        var stdin = new PipedOutputStream();
        var stdout = new StdoutText();

        Running running = AgentMeter.start(stdioWithHttp().toBuilder().storage(folder, null).build(),
                new PipedInputStream(stdin), stdout);
        try {
            send(stdin, INITIALIZE + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
                    + "{\"name\":\"get_performance_metrics\",\"arguments\":{}}}\n");

            await().atMost(Duration.ofSeconds(10)).until(() -> stdout.text().contains("\"id\":2"));
            assertThat(stdout.text()).contains("\"total_requests\":3");
        } finally {
            stdin.close();
            running.stop();
        }
    }

    private static Settings stdioWithHttp() {
        return TestSettings.builder().stdio(true).build();
    }

    private static void send(PipedOutputStream stdin, String lines) throws IOException {
        stdin.write(lines.getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }
}
