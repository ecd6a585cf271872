package dev.agentmeter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.agentmeter.Settings;
import dev.agentmeter.web.guard.RateLimit;
import dev.agentmeter.testing.TestSettings;

/**
 * The hostile-input suite: requests a careless or malicious client sends, against a server configured as a
 * team would run it (a token, the default rate limit). For each: the exact status, no internals in the
 * answer, the server healthy afterwards, and the recorded figures unchanged by the refused request. Three
 * tasks are recorded first, so that a reset slipping through would show too.
 */
@Timeout(30)
class HostileInputTest {

    private static final String TOKEN = WebAuthTest.TOKEN;
    private static final String AUTH = "Authorization: Bearer " + TOKEN + "\r\n";
    private static final int SEEDED_TASKS = 3;

    private static TestServer server;

    /** One hostile request: what it is, how to send it, and the one status it must get. */
    record Case(String name, IntFunction<RawHttp.Answer> send, int expectedStatus) {
        @Override
        public String toString() {
            return name + " -> " + expectedStatus;
        }
    }

    @BeforeAll
    static void startServer() throws Exception {
        server = TestServer.start(TestSettings.builder().token(TOKEN).rateLimit(RateLimit.parse(RateLimit.DEFAULT)).build());
        for (int i = 0; i < SEEDED_TASKS; i++) {
            var response = server.send(server.request("/api/tasks/simulate").header("Authorization", "Bearer " + TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(BodyPublishers.ofString("{\"name\":\"seed\",\"duration\":0}")).build());
            assertThat(response.statusCode()).isEqualTo(200);
        }
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    static Stream<Case> cases() {
        var cases = new ArrayList<Case>();
        // Bodies: syntax, types, sizes, encodings.
        cases.add(simulate("malformed JSON", "application/json", "{\"name\":", 400));
        cases.add(simulate("JSON that is not an object", "application/json", "[\"name\",\"x\"]", 400));
        cases.add(simulate("trailing garbage after the object", "application/json", "{\"name\":\"x\"} {}", 400));
        cases.add(simulate("NaN as a number", "application/json", "{\"name\":\"x\",\"duration\":NaN}", 400));
        cases.add(simulate("a text/plain body", "text/plain", "{\"name\":\"x\"}", 415));
        cases.add(simulate("a form body", "application/x-www-form-urlencoded", "name=x", 415));
        cases.add(simulate("a body in another charset", "application/json; charset=iso-8859-1", "{\"name\":\"x\"}", 415));
        cases.add(simulate("a body without a content type", null, "{\"name\":\"x\"}", 415));
        cases.add(simulate("an empty body", "application/json", "", 400));
        cases.add(new Case("a body in UTF-16 without a charset", port -> raw(port, simulateRequest(AUTH,
                "application/json", utf16("{\"name\":\"x\",\"duration\":0}"))), 415));
        cases.add(new Case("a body in UTF-16 with its byte-order mark", port -> raw(port, simulateRequest(AUTH,
                "application/json", "\u00fe\u00ff" + utf16("{\"name\":\"x\",\"duration\":0}"))), 415));
        cases.add(simulate("a key given twice", "application/json", "{\"name\":\"x\",\"name\":\"y\"}", 400));
        cases.add(simulate("deep nesting", "application/json",
                "{\"name\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}", 400));
        cases.add(simulate("nesting one level past the bound", "application/json",
                "{\"name\":\"x\",\"extra\":" + "[".repeat(32) + "]".repeat(32) + "}", 400));
        cases.add(simulate("invalid UTF-8", "application/json", "{\"name\":\"\u00c3\u0028\"}", 400));
        cases.add(simulate("an encoded surrogate (CESU-8)", "application/json", "{\"name\":\"\u00ed\u00a0\u0080\"}", 400));
        cases.add(simulate("a truncated UTF-8 sequence", "application/json", "{\"name\":\"\u00e2\u0082\"}", 400));
        cases.add(new Case("a body of 2 MiB", HostileInputTest::hugeBody, 413));
        cases.add(new Case("a body of 2 MiB announced with Expect: 100-continue", port -> raw(port,
                "POST /api/tasks/simulate HTTP/1.1\r\nHost: 127.0.0.1\r\n" + AUTH + "Content-Type: application/json\r\n"
                        + "Content-Length: 2097152\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n"), 413));
        // Numbers and values out of range.
        cases.add(simulate("duration far beyond double", "application/json", "{\"name\":\"x\",\"duration\":1e400}", 400));
        cases.add(simulate("a huge integer duration", "application/json",
                "{\"name\":\"x\",\"duration\":123456789012345678901234567890}", 400));
        cases.add(simulate("a negative duration", "application/json", "{\"name\":\"x\",\"duration\":-0.001}", 400));
        cases.add(simulate("a duration over the cap", "application/json", "{\"name\":\"x\",\"duration\":5.000001}", 400));
        cases.add(simulate("a duration given as text", "application/json", "{\"name\":\"x\",\"duration\":\"1\"}", 400));
        cases.add(simulate("should_fail given as text", "application/json", "{\"name\":\"x\",\"should_fail\":\"yes\"}", 400));
        cases.add(simulate("a name of 101 characters", "application/json", "{\"name\":\"" + "n".repeat(101) + "\"}", 400));
        cases.add(simulate("a name of control characters only", "application/json", "{\"name\":\"\\u0000\\u001b\"}", 400));
        cases.add(simulate("a name of invisible characters only", "application/json",
                "{\"name\":\"\\u00a0\\u200b\\ufeff\\u3164\"}", 400));
        cases.add(simulate("the overflow bucket's name", "application/json", "{\"name\":\"(other)\"}", 400));
        cases.add(simulate("an unknown argument", "application/json", "{\"name\":\"x\",\"rm\":\"-rf\"}", 400));
        cases.add(get("a limit beyond long (clamped, as the contract says)", "/api/history?limit=99999999999999999999",
                200));
        cases.add(get("a negative limit", "/api/history?limit=-1", 400));
        cases.add(get("a fractional limit", "/api/errors?limit=1.5", 400));
        cases.add(get("a limit of a NUL byte", "/api/history?limit=%00", 400));
        cases.add(get("a limit given twice", "/api/history?limit=1&limit=2", 400));
        // Paths: traversal and odd spellings on the static files and the API.
        cases.add(get("a raw ../ segment", "/../pom.xml", 400));
        cases.add(get("an encoded ../ segment", "/%2e%2e/pom.xml", 400));
        cases.add(get("an encoded slash in a static path", "/vendor/uplot/..%2f..%2fpom.xml", 400));
        cases.add(get("an encoded slash in an API path", "/api%2fmetrics", 400));
        cases.add(get("an encoded backslash", "/vendor/uplot/..%5cLICENSE", 400));
        cases.add(get("a NUL byte in a path", "/index.html%00.js", 400));
        cases.add(get("a bad percent-encoding", "/%zz", 400));
        cases.add(get("a URI of 16 KiB", "/api/metrics?x=" + "a".repeat(16 * 1024), 414));
        // Headers: injection, smuggling, oversize.
        cases.add(new Case("CR LF encoded in a path",
                port -> rawGet(port, "/api/nope%0d%0aSet-Cookie:%20pwned=1", ""), 400));
        cases.add(new Case("CR LF encoded in a query value that the answer quotes",
                port -> rawGet(port, "/api/history?limit=%0d%0aSet-Cookie:%20pwned=1", ""), 400));
        cases.add(new Case("a bare CR inside a header value",
                port -> rawGet(port, "/api/metrics", "X-Note: a\rSet-Cookie: pwned=1\r\n"), 400));
        cases.add(new Case("an obsolete folded header line",
                port -> rawGet(port, "/api/metrics", "X-Note: a\r\n folded\r\n"), 400));
        cases.add(new Case("a header name with a space",
                port -> rawGet(port, "/api/metrics", "Bad Header: x\r\n"), 400));
        cases.add(new Case("Content-Length and Transfer-Encoding together (smuggling)", port -> raw(port,
                "POST /api/reset HTTP/1.1\r\nHost: 127.0.0.1\r\n" + AUTH + "Content-Length: 4\r\n"
                        + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n"), 400));
        cases.add(new Case("two different Content-Lengths (smuggling)", port -> raw(port,
                "POST /api/reset HTTP/1.1\r\nHost: 127.0.0.1\r\n" + AUTH + "Content-Length: 0\r\n"
                        + "Content-Length: 5\r\nConnection: close\r\n\r\n"), 400));
        cases.add(new Case("headers of 16 KiB",
                port -> rawGet(port, "/api/metrics", "X-Filler: " + "f".repeat(16 * 1024) + "\r\n"), 431));
        cases.add(new Case("an unknown method", port -> raw(port,
                "TRACE /api/metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n" + AUTH + "Connection: close\r\n\r\n"), 405));
        // Access: no token, a wrong one, another site.
        cases.add(new Case("a simulation without a token", port -> raw(port, simulateRequest("", "application/json",
                "{\"name\":\"x\",\"duration\":0}")), 401));
        cases.add(new Case("a reset with a wrong token", port -> raw(port, "POST /api/reset HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN + "0\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
                401));
        cases.add(new Case("a reset with the token in the query string", port -> raw(port, "POST /api/reset?token="
                + TOKEN + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), 401));
        cases.add(new Case("a reset with a forged session cookie", port -> raw(port, "POST /api/reset HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nCookie: agentmeter_session=" + "A".repeat(43) + "\r\nContent-Length: 0\r\n"
                + "Connection: close\r\n\r\n"), 401));
        cases.add(new Case("a reset sent from another site", port -> raw(port, "POST /api/reset HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n" + AUTH + "Origin: https://evil.example\r\nContent-Length: 0\r\n"
                + "Connection: close\r\n\r\n"), 403));
        cases.add(new Case("an MCP call from another site", port -> raw(port, "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + AUTH + "Origin: https://evil.example\r\nContent-Type: application/json\r\n"
                + "Accept: application/json, text/event-stream\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"), 403));
        cases.add(new Case("an MCP call without a token", port -> raw(port, "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"), 401));
        cases.add(new Case("the figures under a rebound host name (DNS rebinding)", port -> raw(port,
                "GET /api/metrics HTTP/1.1\r\nHost: evil.example:" + port + "\r\n" + AUTH
                        + "Connection: close\r\n\r\n"), 421));
        cases.add(new Case("a reset from a rebinding page, with its own Origin", port -> raw(port,
                "POST /api/reset HTTP/1.1\r\nHost: evil.example:" + port + "\r\n" + AUTH + "Origin: http://evil.example:"
                        + port + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), 421));
        cases.add(new Case("the dashboard page under a rebound host name", port -> raw(port,
                "GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"), 421));
        cases.add(new Case("a readiness probe without a token (probes stay open)", port -> raw(port,
                "GET /health/ready HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"), 200));
        cases.add(new Case("a liveness probe without a token (probes stay open)", port -> raw(port,
                "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"), 200));
        cases.add(new Case("metrics with a wrong token", port -> raw(port, "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer nope\r\nConnection: close\r\n\r\n"), 401));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aHostileRequestGetsItsStatusAndChangesNothing(Case hostile) {
        Map<String, Object> before = metrics();

        RawHttp.Answer answer = hostile.send().apply(server.port());

        assertThat(answer.status()).as(answer.head() + "\n\n" + answer.body()).isEqualTo(hostile.expectedStatus());
        TestServer.assertNoInternals(answer.body());
        assertThat(answer.header("Set-Cookie")).isEmpty();
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
        Map<String, Object> after = metrics();
        for (String count : List.of("total_requests", "successful_requests", "failed_requests")) {
            assertThat(after.get(count)).as(count).isEqualTo(before.get(count));
        }
        assertThat(after.get("total_requests")).isEqualTo(SEEDED_TASKS);
    }

    @Test
    void injectedLineBreaksNeverReachTheAnswersHeaders() {
        RawHttp.Answer answer = rawGet(server.port(), "/api/history?limit=%0d%0aSet-Cookie:%20pwned=1", "");

        assertThat(answer.head()).doesNotContain("pwned");
        assertThat(answer.body()).doesNotContain("\r", "\n");
    }

    private static Map<String, Object> metrics() {
        return Envelopes.data(server.send(server.request("/api/metrics").header("Authorization", "Bearer " + TOKEN)
                .build()));
    }

    private static Case simulate(String name, String contentType, String body, int expectedStatus) {
        return new Case(name, port -> raw(port, simulateRequest(AUTH, contentType, body)), expectedStatus);
    }

    private static Case get(String name, String target, int expectedStatus) {
        return new Case(name, port -> rawGet(port, target, ""), expectedStatus);
    }

    /** A POST to the simulation endpoint; the body's characters are sent as single bytes (ISO-8859-1). */
    private static String simulateRequest(String auth, String contentType, String body) {
        return "POST /api/tasks/simulate HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body;
    }

    /** {@code text} in UTF-16 big-endian, one char per byte as {@link #simulateRequest} sends them. */
    private static String utf16(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_16BE), StandardCharsets.ISO_8859_1);
    }

    private static RawHttp.Answer rawGet(int port, String target, String extraHeaders) {
        return raw(port, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + AUTH + extraHeaders
                + "Connection: close\r\n\r\n");
    }

    private static RawHttp.Answer raw(int port, String request) {
        try {
            return RawHttp.send(port, request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RawHttp.Answer hugeBody(int port) {
        var response = server.send(server.request("/api/tasks/simulate").header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofByteArray(new byte[2 * 1024 * 1024])).build());
        String head = response.headers().map().entrySet().stream()
                .map(header -> header.getKey() + ": " + String.join(",", header.getValue()))
                .reduce("HTTP/1.1 " + response.statusCode(), (all, line) -> all + "\r\n" + line);
        return new RawHttp.Answer(response.statusCode(), head, response.body());
    }
}
