package dev.agentmeter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.agentmeter.metrics.MetricsCapacities;
import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.operations.JsonCodec;
import dev.agentmeter.operations.PerformanceOperations;
import dev.agentmeter.operations.TaskSimulator;

/** The web server built directly, with settings and mounts the command line does not offer. */
@Timeout(30) // a hung exchange fails its test instead of stalling the build
class WebServerTest {

    private final PerformanceMetrics metrics = new PerformanceMetrics(Clock.systemUTC(), MetricsCapacities.defaults());
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final PerformanceOperations operations =
            new PerformanceOperations(metrics, new TaskSimulator(metrics, timer, System::nanoTime, 10));
    private WebServer web;

    @AfterEach
    void stop() throws Exception {
        if (web != null) {
            web.stop();
        }
        timer.shutdownNow();
    }

    @Test
    void anExceptionFromAServletIsAnInternalErrorEnvelopeWithoutDetails() throws Exception {
        web = new WebServer(new WebSettings("127.0.0.1", 0, 16), operations, new JsonCodec())
                .mount("/boom", new ThrowingServlet());
        web.start();

        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/boom")).build(),
                HttpResponse.BodyHandlers.ofString());

        Envelopes.assertError(response, 500, "internal_error", "internal error; the server log has the details");
        TestServer.assertNoInternals(response.body());
    }

    @Test
    void aStreamThatStopsReadingIsClosedOnceItsWriteTimesOut() throws Exception {
        var settings = new WebSettings("127.0.0.1", 0, 16, WebSettings.DEFAULT_MAX_BODY_BYTES,
                WebSettings.DEFAULT_MAX_REQUEST_HEADER_BYTES, Duration.ofSeconds(1), 1, Duration.ofMillis(5),
                Duration.ofSeconds(15));
        web = new WebServer(settings, operations, new JsonCodec());
        web.start();
        try (Socket stuck = RawHttp.openWithoutReading(web.port(), "/api/events", 1024)) {
            assertThat(RawHttp.readHead(stuck)).startsWith("HTTP/1.1 200");
            // Keep changing the figures: every tick writes a fresh snapshot until the stuck stream's buffers fill.
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
                for (int i = 0; i < 10; i++) {
                    metrics.record("flood", Duration.ofMillis(1), true, null);
                }
                return opensAStream(web.port());
            });
        }
    }

    @Test
    void anIdleStreamGetsHeartbeatComments() throws Exception {
        var settings = new WebSettings("127.0.0.1", 0, 16, WebSettings.DEFAULT_MAX_BODY_BYTES,
                WebSettings.DEFAULT_MAX_REQUEST_HEADER_BYTES, WebSettings.DEFAULT_IDLE_TIMEOUT, 4,
                WebSettings.DEFAULT_EVENT_INTERVAL, Duration.ofMillis(50));
        web = new WebServer(settings, operations, new JsonCodec());
        web.start();

        try (SseClient client = SseClient.connect(HttpClient.newHttpClient(),
                URI.create("http://127.0.0.1:" + web.port() + "/api/events"))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> client.comments() >= 3);
            assertThat(client.count()).isEqualTo(1);
        }
    }

    private static boolean opensAStream(int port) throws IOException {
        try (Socket socket = RawHttp.openWithoutReading(port, "/api/events", 64 * 1024)) {
            return RawHttp.readHead(socket).startsWith("HTTP/1.1 200");
        }
    }

    /** A servlet with a bug. */
    private static final class ThrowingServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            throw new IllegalStateException("a bug in java.lang land");
        }
    }
}
