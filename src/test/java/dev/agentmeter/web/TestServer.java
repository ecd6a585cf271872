package dev.agentmeter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import dev.agentmeter.AgentMeter;
import dev.agentmeter.Running;
import dev.agentmeter.Settings;
import dev.agentmeter.testing.TestSettings;

/**
 * The real server on a free loopback port, and a client that talks to it as a browser or script would.
 * Every JSON or error answer it receives is checked for leaked internals (stack traces, class names).
 */
final class TestServer implements AutoCloseable {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final Running running;
    private final HttpClient http;

    private TestServer(Running running) {
        this.running = running;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(REQUEST_TIMEOUT).build();
    }

    static TestServer start() throws Exception {
        return start(TestSettings.forTests());
    }

    static TestServer start(Settings settings) throws Exception {
        return new TestServer(AgentMeter.start(settings));
    }

    Running running() {
        return running;
    }

    int port() {
        return running.httpPort();
    }

    HttpClient http() {
        return http;
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    HttpResponse<String> get(String pathAndQuery) {
        return send(request(pathAndQuery).GET().build());
    }

    HttpResponse<String> post(String pathAndQuery, String contentType, String body) {
        return post(pathAndQuery, contentType, BodyPublishers.ofString(body));
    }

    HttpResponse<String> post(String pathAndQuery, String contentType, BodyPublisher body) {
        var builder = request(pathAndQuery).POST(body);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder.build());
    }

    HttpResponse<String> postJson(String pathAndQuery, String json) {
        return post(pathAndQuery, "application/json", json);
    }

    HttpResponse<String> method(String method, String pathAndQuery) {
        return send(request(pathAndQuery).method(method, BodyPublishers.noBody()).build());
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(REQUEST_TIMEOUT);
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, BodyHandlers.ofString());
            boolean json = response.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
            if (json || response.statusCode() >= 400) {
                assertNoInternals(response.body());
            }
            return response;
        } catch (IOException e) {
            throw new AssertionError("request failed: " + request, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** No JSON or error answer may show how the server is built. */
    static void assertNoInternals(String body) {
        assertThat(body).doesNotContain("Exception", "\tat ", "java.", "org.eclipse");
    }

    @Override
    public void close() {
        running.stop();
    }
}
