package dev.agentmeter.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.agentmeter.AgentMeter;
import dev.agentmeter.Running;
import dev.agentmeter.Settings;
import dev.agentmeter.testing.TestSettings;

/**
 * The real server on a free loopback port for OTLP tests: where the exporters send, and the JSON API to read
 * what became of it. Every answer that is not a success is checked for leaked internals.
 */
final class OtlpTestServer implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Running running;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
    private final String token;

    private OtlpTestServer(Running running, String token) {
        this.running = running;
        this.token = token;
    }

    static OtlpTestServer start() throws Exception {
        return start(TestSettings.forTests());
    }

    static OtlpTestServer start(Settings settings) throws Exception {
        return new OtlpTestServer(AgentMeter.start(settings), settings.token().orElse(null));
    }

    Running running() {
        return running;
    }

    /** {@code http://127.0.0.1:PORT}: what {@code OTEL_EXPORTER_OTLP_ENDPOINT} would be. */
    String base() {
        return "http://127.0.0.1:" + running.httpPort();
    }

    /** The figures of {@code GET path}'s {@code data}. */
    JsonNode data(String path) {
        HttpResponse<byte[]> response = send(request(path).GET().build());
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
        try {
            return JSON.readTree(response.body()).path("data");
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + new String(response.body()), e);
        }
    }

    /** The Prometheus exposition of {@code GET /metrics}. */
    String prometheus() {
        HttpResponse<byte[]> response = send(request("/metrics").GET().build());
        assertThat(response.statusCode()).isEqualTo(200);
        return new String(response.body());
    }

    long totalRequests() {
        return running.metrics().snapshot().totalRequests();
    }

    HttpResponse<byte[]> post(String path, String contentType, byte[] body, Map<String, String> headers) {
        var builder = request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        headers.forEach(builder::header);
        return send(builder.build());
    }

    HttpResponse<byte[]> send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() >= 400) {
                assertThat(new String(response.body())).doesNotContain("Exception", "\tat ", "java.", "org.eclipse");
            }
            return response;
        } catch (IOException e) {
            throw new AssertionError("request failed: " + request, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    HttpRequest.Builder request(String path) {
        var builder = HttpRequest.newBuilder(URI.create(base() + path)).timeout(TIMEOUT);
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    @Override
    public void close() {
        running.stop();
    }
}
