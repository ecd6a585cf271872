package dev.agentmeter.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The JSON API of an AgentMeter on a loopback port, as the end-to-end tests read it. Every request is bounded. */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final Duration timeout;
    private final HttpClient http;

    public ApiClient(int port, Duration timeout) {
        this.port = port;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    public ApiClient(int port) {
        this(port, Duration.ofSeconds(10));
    }

    public int port() {
        return port;
    }

    public HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(request(path).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET, whatever its status. */
    public HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The {@code data} of a successful GET. */
    public JsonNode getData(String path) throws Exception {
        var response = get(path);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("data");
    }

    /** The {@code data} array of {@code GET /api/history?limit=100}. */
    public JsonNode history() throws Exception {
        return getData("/api/history?limit=100");
    }

    /** The {@code data} object of {@code GET /api/server}. */
    public JsonNode serverStatus() throws Exception {
        return getData("/api/server");
    }

    /** {@code POST /api/reset}, whatever its answer. */
    public void reset() throws Exception {
        http.send(request("/api/reset").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(timeout);
    }
}
