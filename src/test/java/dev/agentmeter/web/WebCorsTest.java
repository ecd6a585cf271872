package dev.agentmeter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.agentmeter.testing.TestSettings;

/** CORS on /api, driven by --allowed-origin: the allowed origin echoed, never a wildcard, never credentials. */
@Timeout(30)
class WebCorsTest {

    private static final String ALLOWED = "https://tools.example";
    private static final String FOREIGN = "https://evil.example";

    private static TestServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestServer.start(TestSettings.builder().allowedOrigins(List.of(ALLOWED + "/"))
                .token(WebAuthTest.TOKEN).build());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void aPreflightFromTheAllowedOriginIsAnsweredWithoutAToken() {
        HttpResponse<String> response = preflight(ALLOWED);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET, HEAD, POST");
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).hasValue("Authorization, Content-Type");
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        assertThat(response.headers().allValues("Vary")).contains("Origin");
    }

    @Test
    void aPreflightFromAnyOtherOriginIsForbiddenAndAllowsNothing() {
        HttpResponse<String> response = preflight(FOREIGN);

        Envelopes.assertError(response, 403, "forbidden",
                "cross-origin calls from https://evil.example are not allowed here");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void aCallFromTheAllowedOriginIsAllowedToBeRead() {
        HttpResponse<String> response = server.send(authorized("/api/metrics").header("Origin", ALLOWED).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
    }

    @Test
    void aCallFromAnotherOriginIsNotAllowedToBeRead() {
        HttpResponse<String> response = server.send(authorized("/api/metrics").header("Origin", FOREIGN).build());

        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void theAllowedOriginMayPostAndAnotherMayNot() {
        var allowed = server.send(authorized("/api/tasks/simulate").header("Origin", ALLOWED)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"name\":\"cors\",\"duration\":0}")).build());
        var foreign = server.send(authorized("/api/reset").header("Origin", FOREIGN)
                .POST(BodyPublishers.noBody()).build());

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(foreign.statusCode()).isEqualTo(403);
    }

    @Test
    void neitherIsAWildcardEverSent() {
        for (String origin : List.of(ALLOWED, FOREIGN, "null")) {
            assertThat(preflight(origin).headers().firstValue("Access-Control-Allow-Origin")).isNotEqualTo(
                    Optional.of("*"));
        }
    }

    private static HttpResponse<String> preflight(String origin) {
        return server.send(server.request("/api/tasks/simulate").header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .method("OPTIONS", BodyPublishers.noBody()).build());
    }

    private static HttpRequest.Builder authorized(String path) {
        return server.request(path).header("Authorization", "Bearer " + WebAuthTest.TOKEN);
    }
}
