package dev.agentmeter.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import dev.agentmeter.operations.JsonCodec;

/** The webhook against a real receiver on loopback: the JSON it posts, retries, and giving up. */
@Timeout(30)
class WebhookNotifierTest {

    private static final Duration QUICK_BACKOFF = Duration.ofMillis(10);
    private static final AlertTransition FIRING = new AlertTransition(
            AlertRuleParser.parse("error_rate > 20% for task=search"), AlertTransition.Kind.FIRING, 50.0,
            Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"));

    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private HttpServer receiver;
    private WebhookNotifier notifier;

    @AfterEach
    void stop() {
        if (notifier != null) {
            notifier.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    private URI startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            int status = failuresLeft.getAndDecrement() > 0 ? 503 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    }

    @Test
    void aTransitionIsPostedAsJson() throws Exception {
        notifier = new WebhookNotifier(startReceiver(), new JsonCodec(), 3, QUICK_BACKOFF);

        notifier.onTransition(FIRING);

        await().atMost(Duration.ofSeconds(5)).until(() -> bodies.size() == 1);
        assertThat(new ObjectMapper().readValue(bodies.get(0), Map.class))
                .containsEntry("status", "firing")
                .containsEntry("rule", "error_rate > 20% for task=search")
                .containsEntry("task", "search")
                .containsEntry("value", 50.0)
                .containsEntry("threshold", 20.0)
                .containsEntry("since", "2026-01-01T00:00:00.000Z");
    }

    @Test
    void aFailedDeliveryIsRetriedUntilTheReceiverAccepts() throws Exception {
        failuresLeft.set(2);
        notifier = new WebhookNotifier(startReceiver(), new JsonCodec(), 5, QUICK_BACKOFF);

        notifier.onTransition(FIRING);

        await().atMost(Duration.ofSeconds(5)).until(() -> bodies.size() == 3);
        assertThat(bodies).containsOnly(bodies.get(0));
    }

    @Test
    void afterItsLastAttemptANoticeIsGivenUpAndTheNextOneStillGoes() throws Exception {
        failuresLeft.set(3);
        notifier = new WebhookNotifier(startReceiver(), new JsonCodec(), 3, QUICK_BACKOFF);

        notifier.onTransition(FIRING);
        notifier.onTransition(new AlertTransition(FIRING.rule(), AlertTransition.Kind.RESOLVED, 0.0, FIRING.since(),
                FIRING.at().plusSeconds(60)));

        await().atMost(Duration.ofSeconds(5)).until(() -> bodies.size() == 4);
        assertThat(bodies.get(3)).contains("\"status\":\"resolved\"");
    }

    @Test
    void anUnreachableReceiverNeverBlocksTheCaller() throws Exception {
        URI url = startReceiver();
        receiver.stop(0);
        receiver = null;
        notifier = new WebhookNotifier(url, new JsonCodec(), 1_000, Duration.ofSeconds(1));

        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            for (int i = 0; i < WebhookNotifier.QUEUE_CAPACITY * 2; i++) {
                notifier.onTransition(FIRING);
            }
        });
    }
}
