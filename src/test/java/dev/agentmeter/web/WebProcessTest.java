package dev.agentmeter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.agentmeter.testing.AgentMeterChild;

/** The real command in a child JVM: how it stops on SIGTERM, and what it refuses to start with. */
@Timeout(90)
class WebProcessTest {

    @Test
    void sigtermClosesOpenEventStreamsAndExitsZero() throws Exception {
        try (var process = AgentMeterChild.startWithoutVariables("--port", "0")) {
            int port = process.httpPort();
            var events = SseClient.connect(HttpClient.newHttpClient(),
                    URI.create("http://127.0.0.1:" + port + "/api/events"));
            await().atMost(Duration.ofSeconds(20)).until(() -> events.count() >= 1);

            process.terminate();

            assertThat(process.awaitExit()).as(process.stderr()).isZero();
            await().atMost(Duration.ofSeconds(20)).until(events::ended);
            assertThat(process.stderr()).doesNotContain("Exception", "\tat ");
        }
    }

    @Test
    void sigtermLetsASimulationInFlightFinishWithItsAnswerAndExitsZero() throws Exception {
        try (var process = AgentMeterChild.startWithoutVariables("--port", "0"); var socket = new Socket()) {
            int port = process.httpPort();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(20_000);
            String body = "{\"name\":\"last\",\"duration\":1}";
            // The server asks for the body (100 Continue) only once the request is in its hands: then it is in flight.
            write(socket, "POST /api/tasks/simulate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n");
            assertThat(RawHttp.readHead(socket)).startsWith("HTTP/1.1 100");
            write(socket, body);

            process.terminate();

            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 200").contains("\"name\":\"last\"");
            assertThat(process.awaitExit()).as(process.stderr()).isZero();
        }
    }

    private static void write(Socket socket, String text) throws Exception {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    @Test
    void aNonLoopbackHostWithoutATokenIsRefusedInOneLineWithExitCodeTwo() throws Exception {
        try (var process = AgentMeterChild.startWithoutVariables("--host", "0.0.0.0", "--port", "0")) {
            assertThat(process.awaitExit()).isEqualTo(2);
            assertThat(process.stderr().strip()).isEqualTo("agentmeter: refusing to serve 0.0.0.0 beyond this machine "
                    + "without a token: set --token (or AGENTMETER_TOKEN), or pass --insecure if anyone who can reach "
                    + "it may use it");
        }
    }

    @Test
    void insecureSaysTheExposureIsMeant() throws Exception {
        try (var process = AgentMeterChild.startWithoutVariables("--host", "0.0.0.0", "--port", "0", "--insecure")) {
            process.httpPort();
            process.terminate();
            assertThat(process.awaitExit()).isZero();
        }
    }

    @Test
    void aShortTokenIsRefused() throws Exception {
        try (var process = AgentMeterChild.startWithoutVariables("--port", "0", "--token", "short")) {
            assertThat(process.awaitExit()).isEqualTo(2);
            assertThat(process.stderr()).contains("--token must be at least 16 characters long");
        }
    }
}
