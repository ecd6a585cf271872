package dev.agentmeter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.agentmeter.Settings;
import dev.agentmeter.web.guard.AllowedHosts;
import dev.agentmeter.testing.TestSettings;

/**
 * DNS rebinding: a page whose own name now points at this machine sends that name in {@code Host}. On a
 * loopback server without a token, every path refuses it with 421 and changes nothing; this server's own
 * names still work.
 */
@Timeout(30)
class WebHostTest {

    private static final String TRUSTED_ORIGIN = "https://tools.example.com";

    private static TestServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestServer.start(TestSettings.builder().allowedOrigins(List.of(TRUSTED_ORIGIN)).build());
        assertThat(server.postJson("/api/tasks/simulate", "{\"name\":\"seed\",\"duration\":0}").statusCode())
                .isEqualTo(200);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/metrics", "/api/dashboard", "/", "/index.html", "/health", "/metrics", "/mcp"})
    void aReadUnderAReboundNameIsMisdirected(String path) throws IOException {
        RawHttp.Answer answer = RawHttp.send(server.port(), "GET " + path + " HTTP/1.1\r\nHost: evil.example:"
                + server.port() + "\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).isEqualTo(421);
        assertThat(Envelopes.read(answer.body())).containsEntry("status", "error")
                .extractingByKey("error").asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("code", "forbidden");
        assertThat(answer.body()).contains("evil.example");
    }

    @Test
    void aResetFromARebindingPageIsMisdirectedAndResetsNothing() throws IOException {
        String host = "evil.example:" + server.port();

        RawHttp.Answer answer = RawHttp.send(server.port(), "POST /api/reset HTTP/1.1\r\nHost: " + host + "\r\n"
                + "Origin: http://" + host + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).isEqualTo(421);
        assertThat(Envelopes.data(server.get("/api/metrics"))).containsEntry("total_requests", 1);
    }

    @Test
    void aTaskFromARebindingPageIsMisdirectedAndNotRecorded() throws IOException {
        String body = "{\"name\":\"injected\",\"duration_ms\":5,\"success\":true}";
        String host = "evil.example:" + server.port();

        RawHttp.Answer answer = RawHttp.send(server.port(), "POST /api/tasks HTTP/1.1\r\nHost: " + host + "\r\n"
                + "Origin: http://" + host + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body);

        assertThat(answer.status()).isEqualTo(421);
        assertThat(Envelopes.data(server.get("/api/metrics"))).containsEntry("total_requests", 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST:1234", "127.0.0.1", "[::1]:8080", "tools.example.com"})
    void thisServersOwnNamesAreServed(String host) throws IOException {
        RawHttp.Answer answer = RawHttp.send(server.port(), "GET /api/metrics HTTP/1.1\r\nHost: " + host
                + "\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void aRequestWithoutAHostHeaderComesFromNoBrowserAndIsServed() throws IOException {
        RawHttp.Answer answer = RawHttp.send(server.port(), "GET /health HTTP/1.0\r\n\r\n");

        assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void aServerOnEveryInterfaceAnswersToAnyName() {
        var hosts = AllowedHosts.of("0.0.0.0", List.of());

        assertThat(hosts.allows("metrics.internal:8080")).isTrue();
        assertThat(AllowedHosts.of("::", List.of()).allows("anything")).isTrue();
    }

    @Test
    void aServerOnANamedHostAnswersToThatNameAndLoopbackOnly() {
        var hosts = AllowedHosts.of("metrics.example.com", List.of("https://dash.example.com/"));

        assertThat(hosts.allows("metrics.example.com:8443")).isTrue();
        assertThat(hosts.allows("dash.example.com")).isTrue();
        assertThat(hosts.allows("localhost:8080")).isTrue();
        assertThat(hosts.allows("evil.example")).isFalse();
        assertThat(hosts.allows("metrics.example.com.evil.example")).isFalse();
        assertThat(AllowedHosts.of("fe80::1", List.of()).allows("[fe80::1]:8080")).isTrue();
    }
}
