package dev.agentmeter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.agentmeter.Settings;
import dev.agentmeter.web.guard.RateLimit;
import dev.agentmeter.testing.TestSettings;

/**
 * The per-address rate limit over the wire. The limit refills slowly (one request every 6 s), so a burst
 * sent in well under a second meets it exactly. A second client comes from another loopback address.
 */
@Timeout(30)
class WebRateLimitTest {

    private static final int BURST = 10;

    private TestServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = TestServer.start(TestSettings.builder().rateLimit(RateLimit.parse(BURST + "/m")).build());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void aBurstOverTheLimitIsAnsweredTooManyRequestsWithRetryAfter() throws Exception {
        List<Integer> statuses = burst(null, BURST);
        RawHttp.Answer over = request(null, "GET /api/metrics");

        assertThat(statuses).containsOnly(200);
        assertThat(over.status()).isEqualTo(429);
        assertThat(Long.parseLong(over.header("Retry-After").orElseThrow())).isBetween(1L, 6L);
        assertThat(Envelopes.read(over.body())).containsEntry("status", "error");
        assertThat(over.body()).contains("\"code\":\"rate_limited\"");
    }

    @Test
    void anotherAddressIsServedWhileOneIsLimited() throws Exception {
        burst(null, BURST + 5);

        RawHttp.Answer other = request(InetAddress.getByName("127.0.0.2"), "GET /api/metrics");

        assertThat(other.status()).isEqualTo(200);
    }

    @Test
    void healthIsNeverLimited() throws Exception {
        burst(null, BURST + 5);

        assertThat(request(null, "GET /health").status()).isEqualTo(200);
    }

    @Test
    void mcpIsLimitedLikeTheApi() throws Exception {
        burst(null, BURST);

        assertThat(request(null, "GET /mcp").status()).isEqualTo(429);
    }

    @Test
    void limitedRecordingsAreNotRecorded() throws Exception {
        for (int i = 0; i < BURST + 5; i++) {
            request(null, "POST /api/tasks/simulate", "{\"name\":\"burst\",\"duration\":0}");
        }

        assertThat(server.running().metrics().snapshot().totalRequests()).isEqualTo(BURST);
    }

    private List<Integer> burst(InetAddress from, int count) throws Exception {
        var statuses = new ArrayList<Integer>();
        for (int i = 0; i < count; i++) {
            statuses.add(request(from, "GET /api/metrics").status());
        }
        return statuses;
    }

    private RawHttp.Answer request(InetAddress from, String requestLine) throws Exception {
        return RawHttp.sendFrom(from, server.port(), requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n\r\n");
    }

    private RawHttp.Answer request(InetAddress from, String requestLine, String json) throws Exception {
        return RawHttp.sendFrom(from, server.port(), requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + json.length() + "\r\nConnection: close\r\n\r\n"
                + json);
    }
}
