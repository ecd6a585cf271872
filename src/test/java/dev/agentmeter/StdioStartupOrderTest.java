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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.agentmeter.testing.StdoutText;
import dev.agentmeter.testing.TestSettings;
import dev.agentmeter.web.WebSecurity;

/**
 * {@code --stdio} with HTTP, in process: {@code start} returns with the HTTP port bound, the dashboard's server starts
 * at its first connection and not before, and tool calls read figures already rebuilt from storage.
 */
class StdioStartupOrderTest {

    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}\n"
            + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n";

    @TempDir
    Path folder;

    @Test
    void stdioAnswersToolsListAndTheDashboardStartsAtItsFirstConnection() throws Exception {
        var stdin = new PipedOutputStream();
        var stdout = new StdoutText();
        Running running = AgentMeter.start(stdioWithHttp(), new PipedInputStream(stdin), stdout);
        try {
            send(stdin, INITIALIZE + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}\n");

            await().atMost(Duration.ofSeconds(10)).until(() -> stdout.text().contains("\"id\":2"));
            assertThat(stdout.text()).contains("\"get_performance_metrics\"");
            assertThat(running.httpPort()).isPositive();
            assertThat(running.httpServing()).isFalse();
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + running.httpPort() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(running.httpServing()).isTrue();
        } finally {
            stdin.close();
            running.stop();
        }
    }

    @Test
    void aStdioClientThatSaysNothingStillGetsTheDashboardAndItsAnswersAfterwards() throws Exception {
        var stdin = new PipedOutputStream();
        var stdout = new StdoutText();
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

    @Test
    void withTlsTheDashboardStartsAtOnceSoAKeystoreItCannotUseShowsAtStart() throws Exception {
        Path notAKeystore = Files.writeString(folder.resolve("agentmeter.p12"), "not a keystore");
        var stdin = new PipedOutputStream();
        var stdout = new StdoutText();

        Running running = AgentMeter.start(stdioWithHttp().toBuilder()
                .tls(new WebSecurity.TlsKeystore(notAKeystore, "secret")).build(), new PipedInputStream(stdin), stdout);
        try {
            // Refused as start returns (a warning: MCP over stdio goes on), not at the first visit.
            assertThat(running.httpPort()).isEqualTo(-1);
            assertThat(running.httpServing()).isFalse();

            send(stdin, INITIALIZE + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> stdout.text().contains("\"id\":2"));
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
