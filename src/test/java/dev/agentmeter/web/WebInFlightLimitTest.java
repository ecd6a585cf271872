package dev.agentmeter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.agentmeter.Settings;
import dev.agentmeter.web.guard.RateLimit;
import dev.agentmeter.testing.TestSettings;

/** One address holding its whole share of requests in flight is refused more, and nobody else is. */
@Timeout(30)
class WebInFlightLimitTest {

    private static final int CAP = WebSecurity.MAX_IN_FLIGHT_PER_CLIENT;

    private TestServer server;
    private final List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();

    @BeforeEach
    void startServerAndFillOneAddress() throws Exception {
        server = TestServer.start(TestSettings.builder().rateLimit(RateLimit.parse("1000/s")).build());
        for (int i = 0; i < CAP; i++) {
            slow.add(server.http().sendAsync(server.request("/api/tasks/simulate")
                    .header("Content-Type", "application/json")
                    .POST(BodyPublishers.ofString("{\"name\":\"slow\",\"duration\":2}")).build(), BodyHandlers.ofString()));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.running().simulationsInFlight() == CAP);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void oneMoreRequestFromTheSameAddressIsTooMany() throws Exception {
        RawHttp.Answer answer = RawHttp.get(server.port(), "/api/metrics");

        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.header("Retry-After")).hasValue("1");
        assertThat(answer.body()).contains("\"code\":\"rate_limited\"");
    }

    @Test
    void anotherAddressIsStillServed() throws Exception {
        RawHttp.Answer answer = RawHttp.sendFrom(InetAddress.getByName("127.0.0.2"), server.port(),
                "GET /api/metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void theAddressIsServedAgainOnceItsRequestsAreAnswered() throws Exception {
        for (var request : slow) {
            assertThat(request.get().statusCode()).isEqualTo(200);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> RawHttp.get(server.port(), "/api/metrics").status() == 200);
        assertThat(server.running().metrics().snapshot().totalRequests()).isEqualTo(CAP);
    }
}
