package dev.agentmeter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.agentmeter.web.guard.SecurityHeaders;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What Jetty answers by itself (bad URIs, bad headers) is the error envelope too, never an HTML page. */
@Timeout(30) // a hung exchange fails its test instead of stalling the build
class WebMalformedRequestTest {

    private static TestServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void aBadPercentEncodingInThePathIsAMalformedRequestEnvelope() throws Exception {
        RawHttp.Answer answer = RawHttp.get(server.port(), "/%zz");

        assertEnvelope(answer, 400, "invalid_argument");
    }

    @Test
    void anAmbiguousEncodedSlashIsAMalformedRequestEnvelope() throws Exception {
        RawHttp.Answer answer = RawHttp.get(server.port(), "/api/tasks%2fsimulate");

        assertEnvelope(answer, 400, "invalid_argument");
    }

    @Test
    void aMalformedHeaderIsAMalformedRequestEnvelope() throws Exception {
        RawHttp.Answer answer = RawHttp.send(server.port(),
                "GET /api/metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header: x\r\nConnection: close\r\n\r\n");

        assertEnvelope(answer, 400, "invalid_argument");
    }

    @Test
    void oversizedHeadersAreRefusedWithAnEnvelope() throws Exception {
        RawHttp.Answer answer = RawHttp.send(server.port(), "GET /api/metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "X-Filler: " + "f".repeat(16 * 1024) + "\r\nConnection: close\r\n\r\n");

        assertEnvelope(answer, 431, "invalid_argument");
    }

    @Test
    void errorEnvelopesCarryTheSecurityHeaders() throws Exception {
        RawHttp.Answer answer = RawHttp.get(server.port(), "/%zz");

        assertThat(answer.header("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(answer.header("Content-Security-Policy")).hasValue(SecurityHeaders.CONTENT_SECURITY_POLICY);
    }

    private static void assertEnvelope(RawHttp.Answer answer, int status, String code) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        TestServer.assertNoInternals(answer.body());
        Map<String, Object> envelope = Envelopes.read(answer.body());
        assertThat(envelope).containsEntry("status", "error");
        assertThat(((Map<?, ?>) envelope.get("error")).get("code")).isEqualTo(code);
    }
}
