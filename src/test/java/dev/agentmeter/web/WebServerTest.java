package dev.agentmeter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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

/**
 * The web server built directly, with settings and mounts the command line does not offer; and started on its first
 * connection (what {@code --stdio} mode does): the port bound at once, Jetty and the mounted servlets made only when
 * someone connects, and a stop at any moment closes the port.
 */
@Timeout(60) // a hung exchange fails its test instead of stalling the build
class WebServerTest {

    private final PerformanceMetrics metrics = new PerformanceMetrics(Clock.systemUTC(), MetricsCapacities.defaults());
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final PerformanceOperations operations =
            new PerformanceOperations(metrics, new TaskSimulator(metrics, timer, System::nanoTime, 10));
    private final AtomicInteger servletsMade = new AtomicInteger();
    private final CopyOnWriteArrayList<Exception> failures = new CopyOnWriteArrayList<>();
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
                .mount("/boom", ThrowingServlet::new);
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

    @Test
    void thePortIsBoundAtOnceAndJettyStartsOnTheFirstConnectionWhichItAnswers() throws Exception {
        web = server().mount("/hello", this::helloServlet);
        web.startOnFirstConnection(failures::add);

        assertThat(web.port()).isPositive();
        assertThat(web.serving()).isFalse();
        assertThat(servletsMade).hasValue(0);

        RawHttp.Answer hello = RawHttp.get(web.port(), "/hello");
        assertThat(hello.status()).isEqualTo(200);
        assertThat(hello.body()).isEqualTo("hello");
        assertThat(web.serving()).isTrue();
        assertThat(RawHttp.get(web.port(), "/health").status()).isEqualTo(200);
        assertThat(servletsMade).hasValue(1);
        assertThat(failures).isEmpty();
    }

    @Test
    void aStopBeforeAnyConnectionClosesThePortAndNothingIsEverMade() throws Exception {
        web = server().mount("/hello", this::helloServlet);
        web.startOnFirstConnection(failures::add);
        int port = web.port();

        web.stop();

        assertRefused(port, "after the stop");
        assertThat(web.serving()).isFalse();
        assertThat(servletsMade).hasValue(0);
        assertThat(failures).isEmpty();
    }

    @Test
    void aStartThatFailsAtTheFirstConnectionIsReportedAndClosesThePort() throws Exception {
        web = server().mount("/broken", () -> {
            throw new IllegalStateException("this servlet cannot be made");
        });
        web.startOnFirstConnection(failures::add);
        int port = web.port();

        try (var first = new Socket("127.0.0.1", port)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> failures.size() == 1);
            // Closed with the port, unanswered: no client waits on a server that will never start.
            assertThat(closedUnanswered(first)).isTrue();
        }
        assertThat(failures.get(0)).hasMessage("this servlet cannot be made");
        assertRefused(port, "after the failed start");
    }

    @Test
    void aStopRacingTheFirstConnectionAlwaysLeavesThePortClosed() throws Exception {
        ExecutorService stopper = Executors.newSingleThreadExecutor();
        try {
            for (int round = 0; round < 10; round++) {
                var racing = server().mount("/hello", this::helloServlet);
                racing.startOnFirstConnection(failures::add);
                int port = racing.port();
                var go = new CountDownLatch(1);
                long stopAfterMillis = round % 5 * 10L; // at once, while Jetty starts, or once it has
                Future<?> stopped = stopper.submit(() -> {
                    go.await();
                    Thread.sleep(stopAfterMillis);
                    racing.stop();
                    return null;
                });
                try (var client = new Socket("127.0.0.1", port)) {
                    go.countDown();
                    stopped.get(30, TimeUnit.SECONDS);
                }
                assertRefused(port, "round " + round);
            }
        } finally {
            stopper.shutdownNow();
        }
        assertThat(failures).isEmpty();
    }

    /** Nothing listens on {@code port} any more: a connection is refused. */
    private static void assertRefused(int port, String when) {
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).as(when).isInstanceOf(ConnectException.class);
    }

    /** Whether the server closed {@code socket} without a byte: an end of stream, or a reset. */
    private static boolean closedUnanswered(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        try {
            return socket.getInputStream().read() == -1;
        } catch (SocketException e) {
            return true; // reset: the connection was still waiting in the closed port's queue
        }
    }

    private WebServer server() {
        return new WebServer(new WebSettings("127.0.0.1", 0, 16), operations, new JsonCodec());
    }

    private HttpServlet helloServlet() {
        servletsMade.incrementAndGet();
        return new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.setContentType("text/plain");
                response.setContentLength(5);
                response.getWriter().write("hello");
            }
        };
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
