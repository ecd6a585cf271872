package dev.agentmeter.web;

import static dev.agentmeter.web.Envelopes.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.agentmeter.Settings;
import dev.agentmeter.web.guard.SecurityHeaders;
import dev.agentmeter.web.login.LoginFailures;
import dev.agentmeter.testing.TestSettings;

/** Token authentication end to end: bearer tokens, the login session cookie, and what stays open. */
@Timeout(30)
class WebAuthTest {

    static final String TOKEN = "test-token-0123456789abcdef";
    private static final String UNAUTHORIZED = "this server needs a token: send Authorization: Bearer <token>";

    private static TestServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestServer.start(TestSettings.builder().token(TOKEN).build());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @ParameterizedTest
    @CsvSource({"GET,/api/dashboard", "GET,/api/metrics", "GET,/api/history", "GET,/api/errors", "GET,/api/tasks",
        "GET,/api/timeseries", "GET,/api/models", "GET,/api/events", "POST,/api/tasks/simulate", "POST,/api/reset", "GET,/api/nothing",
        "GET,/metrics", "GET,/mcp", "POST,/mcp", "DELETE,/mcp"})
    void everyProtectedRouteWithoutATokenIsUnauthorized(String method, String path) {
        HttpResponse<String> response = server.send(server.request(path)
                .method(method, BodyPublishers.noBody()).build());

        assertError(response, 401, "unauthorized", UNAUTHORIZED);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"agentmeter\"");
    }

    @ParameterizedTest
    @CsvSource({"GET,/api/dashboard", "GET,/api/events", "POST,/api/reset", "GET,/metrics", "POST,/mcp"})
    void everyProtectedRouteWithAWrongTokenIsUnauthorized(String method, String path) {
        for (String header : new String[] {"Bearer " + TOKEN + "x", "Bearer " + TOKEN.substring(1), "Basic " + TOKEN,
            TOKEN, "Bearer "}) {
            HttpResponse<String> response = server.send(server.request(path).header("Authorization", header)
                    .method(method, BodyPublishers.noBody()).build());

            assertThat(response.statusCode()).as(header).isEqualTo(401);
        }
    }

    @Test
    void theRightBearerTokenOpensTheApi() {
        var response = server.send(server.request("/api/metrics").header("Authorization", "Bearer " + TOKEN).build());

        assertThat(Envelopes.data(response)).containsKey("total_requests");
    }

    @ParameterizedTest
    @CsvSource({"/health", "/health/live", "/health/ready"})
    void theHealthProbesStayOpen(String path) {
        assertThat(server.get(path).statusCode()).isEqualTo(200);
    }

    @Test
    void wrongTokensInARowMakeTheirAddressWaitWith429WhileOthersLogInAsUsual() throws Exception {
        var guesser = InetAddress.getByName("127.0.0.5");
        for (int i = 0; i < LoginFailures.FREE_FAILURES + 1; i++) {
            assertThat(loginFrom(guesser, "guess-number-" + i).status()).isEqualTo(401);
        }

        RawHttp.Answer refused = loginFrom(guesser, TOKEN);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).hasValue("1");
        assertThat(refused.header("Set-Cookie")).isEmpty();
        assertThat(Envelopes.read(refused.body())).isEqualTo(Map.of("status", "error", "error", Map.of(
                "code", "rate_limited", "message", "too many failed logins from this address; retry in 1 s")));
        assertThat(login(TOKEN).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> loginFrom(guesser, TOKEN).status() == 200);
    }

    @Test
    void theDashboardsScriptsAndTheLoginPageStayOpen() {
        assertThat(server.get("/main.js").statusCode()).isEqualTo(200);
        assertThat(server.get("/login.js").statusCode()).isEqualTo(200);
        assertThat(server.get("/login.html").body()).contains("id=\"login-form\"");
    }

    @Test
    void theDashboardPageSendsABrowserWithoutASessionToTheLoginPage() {
        for (String page : new String[] {"/", "/index.html"}) {
            HttpResponse<String> response = server.get(page);

            assertThat(response.statusCode()).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).hasValue("/login.html");
        }
    }

    @Test
    void theLoginPageCarriesTheSecurityHeadersAndNoInlineScript() {
        HttpResponse<String> response = server.get("/login.html");

        assertThat(response.headers().firstValue("Content-Security-Policy"))
                .hasValue(SecurityHeaders.CONTENT_SECURITY_POLICY);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(response.body()).doesNotContain("<script>", "style=", "onclick", "onsubmit");
    }

    @Test
    void aWrongTokenAtLoginIsUnauthorizedAndSetsNoCookie() {
        HttpResponse<String> response = login("not-the-token-at-all");

        assertError(response, 401, "unauthorized", "wrong token");
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void aLoginBodyOtherThanOneTokenIsAnInvalidArgument() {
        HttpResponse<String> response = server.postJson("/api/login", "{\"token\":\"" + TOKEN + "\",\"x\":1}");

        assertError(response, 400, "invalid_argument", "the body is {\"token\": \"...\"} and nothing else");
    }

    @Test
    void loginSetsAStrictHttpOnlySessionCookie() {
        HttpResponse<String> response = login(TOKEN);

        assertThat(response.statusCode()).isEqualTo(200);
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).matches("agentmeter_session=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=/; HttpOnly; "
                + "SameSite=Strict");
    }

    @Test
    void theSessionCookieOpensTheApiThePageAndTheEventStream() throws Exception {
        String cookie = sessionCookie();

        assertThat(server.send(server.request("/api/dashboard").header("Cookie", cookie).build()).statusCode())
                .isEqualTo(200);
        assertThat(server.send(server.request("/").header("Cookie", cookie).build()).statusCode()).isEqualTo(200);
        try (var events = SseClient.connect(server.http(), server.request("/api/events").header("Cookie", cookie)
                .header("Accept", "text/event-stream").build())) {
            assertThat(events.status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> events.count() >= 1);
        }
    }

    @Test
    void theSessionCookieDoesNotOpenMcpOrMetrics() {
        String cookie = sessionCookie();

        assertThat(server.send(server.request("/mcp").header("Cookie", cookie)
                .POST(BodyPublishers.ofString("{}")).build()).statusCode()).isEqualTo(401);
        assertThat(server.send(server.request("/metrics").header("Cookie", cookie).build()).statusCode())
                .isEqualTo(401);
    }

    @Test
    void aMadeUpSessionCookieOpensNothing() {
        var response = server.send(server.request("/api/metrics")
                .header("Cookie", "agentmeter_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").build());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void logoutEndsTheSessionAndClearsTheCookie() {
        String cookie = sessionCookie();

        HttpResponse<String> response = server.send(server.request("/api/logout").header("Cookie", cookie)
                .POST(BodyPublishers.noBody()).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Set-Cookie")).hasValueSatisfying(value ->
                assertThat(value).startsWith("agentmeter_session=; Max-Age=0;"));
        assertThat(server.send(server.request("/api/metrics").header("Cookie", cookie).build()).statusCode())
                .isEqualTo(401);
    }

    @Test
    void anotherSiteCannotLogABrowserIn() {
        HttpResponse<String> response = server.send(server.request("/api/login")
                .header("Content-Type", "application/json").header("Origin", "https://evil.example")
                .POST(BodyPublishers.ofString("{\"token\":\"" + TOKEN + "\"}")).build());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void aCookieAuthenticatedPostFromAnotherSiteIsForbidden() {
        String cookie = sessionCookie();

        HttpResponse<String> response = server.send(server.request("/api/reset").header("Cookie", cookie)
                .header("Origin", "https://evil.example").POST(BodyPublishers.noBody()).build());

        assertThat(response.statusCode()).isEqualTo(403);
    }

    private static RawHttp.Answer loginFrom(InetAddress address, String token) throws IOException {
        String body = "{\"token\":\"" + token + "\"}";
        return RawHttp.sendFrom(address, server.port(), "POST /api/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n"
                + body);
    }

    private static HttpResponse<String> login(String token) {
        return server.postJson("/api/login", "{\"token\":\"" + token + "\"}");
    }

    /** Logs in; the {@code name=value} part of the session cookie. */
    static String sessionCookie() {
        Optional<String> setCookie = login(TOKEN).headers().firstValue("Set-Cookie");
        return setCookie.orElseThrow().split(";", 2)[0];
    }
}
