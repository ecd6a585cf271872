package dev.agentmeter.web;

import static dev.agentmeter.web.Envelopes.assertError;
import static dev.agentmeter.web.Envelopes.data;
import static dev.agentmeter.web.Envelopes.dataList;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The JSON API over the wire: each route's success, each kind of bad input, and the headers. */
@Timeout(30) // a hung exchange fails its test instead of stalling the build
class ApiEndToEndTest {

    private static TestServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void forgetEarlierTasks() {
        server.running().metrics().reset();
    }

    // --- success on every route ---

    @Test
    void healthSaysOk() {
        HttpResponse<String> response = server.get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Envelopes.read(response.body())).isEqualTo(Map.of("status", "ok"));
    }

    @Test
    void dashboardHasMetricsRecentRequestsAndRecentErrors() {
        simulate("{\"name\":\"ok\",\"duration\":0}");

        Map<String, Object> data = data(server.get("/api/dashboard"));

        assertThat(data).containsOnlyKeys("metrics", "recent_requests", "recent_errors");
        assertThat(metric(data, "total_requests")).isEqualTo(1);
    }

    @Test
    void metricsCarryTheContractFields() {
        Map<String, Object> data = data(server.get("/api/metrics"));

        assertThat(data).containsKeys("total_requests", "successful_requests", "failed_requests", "success_rate",
                "error_rate", "avg_response_time_ms", "min_response_time_ms", "max_response_time_ms",
                "p50_response_time_ms", "p95_response_time_ms", "p99_response_time_ms", "requests_per_minute",
                "uptime_seconds", "started_at", "last_request_at", "total_input_tokens", "total_output_tokens",
                "total_cache_read_tokens", "total_cache_write_tokens", "total_cost_usd");
    }

    @Test
    void historyReturnsTheNewestEntriesFirst() {
        simulate("{\"name\":\"first\",\"duration\":0}");
        simulate("{\"name\":\"second\",\"duration\":0}");

        List<Object> history = dataList(server.get("/api/history?limit=5"));

        assertThat(history).hasSize(2);
        assertThat(((Map<?, ?>) history.get(0)).get("endpoint")).isEqualTo("second");
    }

    @Test
    void errorsListTheFailedTasks() {
        simulate("{\"name\":\"broken\",\"duration\":0,\"should_fail\":true}");

        List<Object> errors = dataList(server.get("/api/errors?limit=5"));

        assertThat(errors).singleElement().satisfies(entry ->
                assertThat(((Map<?, ?>) entry).get("endpoint")).isEqualTo("broken"));
    }

    @Test
    void simulateAnswersWithTheOutcomeOnceTheTaskHasRun() {
        HttpResponse<String> response = server.postJson("/api/tasks/simulate",
                "{\"name\":\"slow\",\"duration\":0.2,\"should_fail\":false}");

        Map<String, Object> outcome = data(response);
        assertThat(outcome).containsEntry("name", "slow").containsEntry("success", true);
        assertThat(((Number) outcome.get("duration")).doubleValue()).isGreaterThanOrEqualTo(0.2);
    }

    @Test
    void simulateAcceptsJsonWithACharset() {
        var response = server.post("/api/tasks/simulate", "application/json; charset=UTF-8", "{\"name\":\"x\",\"duration\":0}");

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void resetClearsTheCountsWithOrWithoutAnEmptyBody() {
        simulate("{\"name\":\"a\",\"duration\":0}");

        assertThat(data(server.post("/api/reset", null, BodyPublishers.noBody()))).containsEntry("reset", true);
        assertThat(data(server.postJson("/api/reset", ""))).containsEntry("cleared_requests", 0);
        assertThat(metric(data(server.get("/api/dashboard")), "total_requests")).isEqualTo(0);
    }

    @Test
    void tasksBreakTheCountsDownByName() {
        simulate("{\"name\":\"alpha\",\"duration\":0}");

        List<Object> tasks = dataList(server.get("/api/tasks"));

        assertThat(tasks).singleElement().satisfies(task -> assertThat(((Map<?, ?>) task).get("name")).isEqualTo("alpha"));
    }

    @Test
    void timeseriesHasOneColumnPerSeries() {
        Map<String, Object> series = data(server.get("/api/timeseries"));

        assertThat(series).containsKeys("timestamps", "successes", "failures", "p50_ms", "p95_ms", "p99_ms",
                "input_tokens", "output_tokens", "cost_usd");
    }

    @Test
    void headAnswersLikeGetWithoutABody() {
        var response = server.method("HEAD", "/api/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void jsonAnswersAreUtf8JsonAndNeverCached() {
        HttpResponse<String> response = server.get("/api/metrics");

        assertThat(response.headers().firstValue("Content-Type").orElseThrow().replace(" ", ""))
                .isEqualToIgnoringCase("application/json;charset=utf-8");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void aLimitAboveTheCapacityIsClamped() {
        for (int i = 0; i < 150; i++) {
            server.running().metrics().record("bulk", Duration.ofMillis(1), true, null);
        }

        assertThat(dataList(server.get("/api/history?limit=100000"))).hasSize(100);
    }

    // --- bad query input ---

    @Test
    void aNonNumericLimitIsATypeError() {
        assertError(server.get("/api/history?limit=abc"), 400, "invalid_argument",
                "limit must be an integer, got string \"abc\"");
    }

    @Test
    void aZeroLimitIsRefused() {
        assertError(server.get("/api/history?limit=0"), 400, "invalid_argument", "limit must be at least 1, got 0");
    }

    @Test
    void aNegativeLimitIsRefused() {
        assertError(server.get("/api/errors?limit=-1"), 400, "invalid_argument", "limit must be at least 1, got -1");
    }

    @Test
    void aFractionalLimitIsRefused() {
        assertError(server.get("/api/history?limit=1.5"), 400, "invalid_argument",
                "limit must be an integer, got number 1.5");
    }

    @Test
    void anUnknownQueryParameterIsReported() {
        assertError(server.get("/api/history?limt=5"), 400, "invalid_argument",
                "unknown argument 'limt'; expected: limit");
        assertError(server.get("/api/metrics?verbose=1"), 400, "invalid_argument",
                "unknown argument 'verbose'; this operation takes no arguments");
    }

    @Test
    void aMalformedPercentEncodingInTheQueryIsRefused() throws Exception {
        RawHttp.Answer answer = RawHttp.get(server.port(), "/api/history?limit=%zz");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(Envelopes.read(answer.body())).isEqualTo(Map.of("status", "error", "error",
                Map.of("code", "invalid_argument", "message", "the query string has a malformed percent-encoding")));
    }

    // --- bad body input ---

    @Test
    void aNonNumericDurationIsATypeError() {
        assertError(simulate("{\"name\":\"a\",\"duration\":\"x\"}"), 400, "invalid_argument",
                "duration must be a number of seconds, got string \"x\"");
    }

    @Test
    void aDurationAboveFiveSecondsIsRefused() {
        assertError(simulate("{\"name\":\"a\",\"duration\":7}"), 400, "invalid_argument",
                "duration must be between 0 and 5 seconds (got 7)");
    }

    @Test
    void aNonBooleanShouldFailIsATypeError() {
        assertError(simulate("{\"name\":\"a\",\"should_fail\":\"yes\"}"), 400, "invalid_argument",
                "should_fail must be a boolean (true or false), got string \"yes\"");
    }

    @Test
    void aMissingNameIsRequired() {
        assertError(simulate("{\"duration\":0}"), 400, "invalid_argument", "name is required");
    }

    @Test
    void anEmptyBodyLacksTheName() {
        assertError(server.post("/api/tasks/simulate", null, BodyPublishers.noBody()), 400, "invalid_argument",
                "name is required");
    }

    @Test
    void aBlankNameIsRefused() {
        assertError(simulate("{\"name\":\"   \"}"), 400, "invalid_argument", "name must not be empty or blank");
    }

    @Test
    void aTenThousandCharacterNameIsRefused() {
        assertError(simulate("{\"name\":\"" + "n".repeat(10_000) + "\"}"), 400, "invalid_argument",
                "name must be at most 100 characters, got 10000");
    }

    @Test
    void aMalformedJsonBodyIsRefused() {
        String message = Envelopes.assertErrorCode(simulate("{\"name\": "), 400, "invalid_argument");

        assertThat(message).startsWith("the body is not valid JSON: ");
    }

    @Test
    void aJsonArrayBodyIsRefused() {
        assertError(simulate("[{\"name\":\"a\"}]"), 400, "invalid_argument", "expected a JSON object, got array");
    }

    @Test
    void aBodyOfAnotherContentTypeIsUnsupported() {
        assertError(server.post("/api/tasks/simulate", "text/plain", "{\"name\":\"a\"}"), 415,
                "unsupported_media_type", "the request body must be application/json, not text/plain");
    }

    @Test
    void aBodyWithoutAContentTypeIsUnsupported() {
        assertError(server.post("/api/tasks/simulate", null, BodyPublishers.ofString("{\"name\":\"a\"}")), 415,
                "unsupported_media_type", "a request body needs Content-Type: application/json");
    }

    @Test
    void aJsonBodyInAnotherCharsetIsUnsupported() {
        assertError(server.post("/api/tasks/simulate", "application/json; charset=iso-8859-1", "{\"name\":\"a\"}"),
                415, "unsupported_media_type", "the request body must be encoded in UTF-8");
    }

    @Test
    void aBodyOverOneMebibyteWithItsLengthDeclaredIsTooLarge() {
        String body = "{\"name\":\"" + "x".repeat(1024 * 1024) + "\"}";

        assertError(simulate(body), 413, "payload_too_large",
                "the request body is larger than the limit of 1048576 bytes");
    }

    @Test
    void aBodyOverOneMebibyteAnnouncedWithExpectContinueIsRefusedBeforeItIsSent() throws Exception {
        // A raw socket: Java 17's HttpClient waits forever when the answer to Expect: 100-continue is final.
        RawHttp.Answer answer = RawHttp.send(server.port(), "POST /api/tasks/simulate HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2000000\r\n"
                + "Expect: 100-continue\r\n\r\n");

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.header("Connection")).hasValue("close");
        assertThat(Envelopes.read(answer.body())).isEqualTo(Map.of("status", "error", "error", Map.of(
                "code", "payload_too_large", "message", "the request body is larger than the limit of 1048576 bytes")));
    }

    @Test
    void aBodyOverOneMebibyteSentInChunksIsTooLarge() {
        byte[] body = ("{\"name\":\"" + "x".repeat(1024 * 1024) + "\"}").getBytes();

        var response = server.post("/api/tasks/simulate", "application/json",
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

        assertError(response, 413, "payload_too_large", "the request body is larger than the limit of 1048576 bytes");
    }

    @Test
    void aNameInBothTheQueryAndTheBodyIsAmbiguous() {
        assertError(server.postJson("/api/tasks/simulate?name=b", "{\"name\":\"a\"}"), 400, "invalid_argument",
                "argument 'name' is given both in the query string and in the body");
    }

    // --- routing ---

    @Test
    void anUnknownApiPathIsNotFound() {
        assertError(server.get("/api/nothing-here"), 404, "not_found", "no such endpoint: /api/nothing-here");
    }

    @Test
    void aWrongMethodIsNotAllowedAndSaysWhichAre() {
        HttpResponse<String> response = server.postJson("/api/metrics", "{}");

        assertError(response, 405, "method_not_allowed", "POST is not allowed on /api/metrics; allowed: GET, HEAD");
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    void getOnAPostRouteIsNotAllowed() {
        HttpResponse<String> response = server.get("/api/tasks/simulate");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void aPostFromAnotherSiteIsForbidden() {
        HttpResponse<String> response = server.send(server.request("/api/reset")
                .header("Origin", "https://evil.example").POST(BodyPublishers.noBody()).build());

        assertError(response, 403, "forbidden",
                "cross-origin requests may not change anything here (Origin: https://evil.example)");
    }

    @Test
    void aPostFromTheDashboardsOwnOriginIsAccepted() {
        HttpResponse<String> response = server.send(server.request("/api/reset")
                .header("Origin", "http://127.0.0.1:" + server.port()).POST(BodyPublishers.noBody()).build());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void rejectedRequestsRecordNothing() {
        simulate("{\"name\":\"a\",\"duration\":7}");
        simulate("{\"name\":\"\"}");
        simulate("not json");
        server.post("/api/tasks/simulate", "text/plain", "{\"name\":\"a\"}");
        server.get("/api/tasks/simulate");
        simulate("{\"name\":\"" + "x".repeat(1024 * 1024) + "\"}");
        server.send(server.request("/api/tasks/simulate").header("Origin", "https://evil.example")
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString("{\"name\":\"a\"}")).build());

        assertThat(metric(data(server.get("/api/dashboard")), "total_requests")).isEqualTo(0);
    }

    private static HttpResponse<String> simulate(String json) {
        return server.postJson("/api/tasks/simulate", json);
    }

    @SuppressWarnings("unchecked")
    private static long metric(Map<String, Object> dashboard, String name) {
        return ((Number) ((Map<String, Object>) dashboard.get("metrics")).get(name)).longValue();
    }
}
