package dev.agentmeter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A stop lets requests in flight finish while new connections are refused. */
@Timeout(30)
class WebGracefulStopTest {

    @Test
    void aSimulationInFlightWhenTheServerStopsIsStillAnswered() throws Exception {
        var server = TestServer.start();
        int port = server.port();
        CompletableFuture<HttpResponse<String>> inFlight = server.http().sendAsync(server.request("/api/tasks/simulate")
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"last\",\"duration\":1}")).build(),
                BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(10)).until(() -> server.running().simulationsInFlight() == 1);

        var stopping = CompletableFuture.runAsync(server::close);
        await().atMost(Duration.ofSeconds(10)).until(() -> !accepts(port));

        HttpResponse<String> answer = inFlight.get(20, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(Envelopes.data(answer)).containsEntry("name", "last").containsEntry("success", true);
        stopping.get(20, TimeUnit.SECONDS);
        assertThat(server.running().metrics().snapshot().totalRequests()).isEqualTo(1);
    }

    private static boolean accepts(int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
