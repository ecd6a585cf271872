package dev.agentmeter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import dev.agentmeter.web.guard.SecurityHeaders;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The dashboard's files and uPlot, their headers, and the paths that must never reach a file. */
@Timeout(30) // a hung exchange fails its test instead of stalling the build
class WebStaticFilesTest {

    private static TestServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void rootServesTheDashboardPageWithTheSecurityHeaders() {
        HttpResponse<String> response = server.get("/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<!DOCTYPE html>", "id=\"request-history\"");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/html"));
        assertThat(response.headers().firstValue("Content-Security-Policy"))
                .hasValue(SecurityHeaders.CONTENT_SECURITY_POLICY);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    }

    @Test
    void theContentSecurityPolicyIsTheContractOne() {
        assertThat(SecurityHeaders.CONTENT_SECURITY_POLICY).isEqualTo("default-src 'self'; script-src 'self'; "
                + "style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
                + "form-action 'self'; frame-ancestors 'none'");
    }

    @Test
    void scriptsAreServedAsJavaScript() {
        HttpResponse<String> response = server.get("/main.js");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/javascript"));
    }

    @Test
    void stylesAndImagesHaveTheirTypes() {
        assertThat(server.get("/dashboard.css").headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/css"));
        assertThat(server.get("/favicon.svg").headers().firstValue("Content-Type")).hasValue("image/svg+xml");
    }

    @Test
    void uplotIsServedFromItsWebjar() {
        HttpResponse<String> script = server.get("/vendor/uplot/uPlot.iife.min.js");
        HttpResponse<String> styles = server.get("/vendor/uplot/uPlot.min.css");

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/javascript"));
        assertThat(script.body()).contains("uPlot");
        assertThat(styles.statusCode()).isEqualTo(200);
        assertThat(styles.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/css"));
    }

    @Test
    void aRevisitWithTheEtagIsNotModified() {
        String etag = server.get("/main.js").headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> revisit = server.send(server.request("/main.js").header("If-None-Match", etag).build());

        assertThat(revisit.statusCode()).isEqualTo(304);
        assertThat(revisit.body()).isEmpty();
    }

    @Test
    void filesMayBeCachedOnlyBriefly() {
        assertThat(server.get("/").headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(server.get("/main.js").headers().firstValue("Cache-Control")).hasValue("public, max-age=60");
    }

    @Test
    void anUnknownFileIsANotFoundEnvelope() {
        Envelopes.assertError(server.get("/nothing.js"), 404, "not_found", "no such file: /nothing.js");
    }

    @Test
    void foldersAreNeverListed() {
        Envelopes.assertErrorCode(server.get("/vendor/uplot/"), 404, "not_found");
        Envelopes.assertErrorCode(server.get("/vendor/"), 404, "not_found");
    }

    @Test
    void otherClasspathFilesAreNotServed() {
        Envelopes.assertErrorCode(server.get("/simplelogger.properties"), 404, "not_found");
        Envelopes.assertErrorCode(server.get("/dev/agentmeter/web/WebServer.class"), 404, "not_found");
        Envelopes.assertErrorCode(server.get("/vendor/uplot/uPlot.d.ts"), 404, "not_found");
    }

    @Test
    void onlyGetAndHeadAreAllowed() {
        HttpResponse<String> response = server.postJson("/index.html", "{}");

        Envelopes.assertError(response, 405, "method_not_allowed", "POST is not allowed here; allowed: GET, HEAD");
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../pom.xml", "/%2e%2e/pom.xml", "/dashboard/..%2fpom.xml", "/vendor/uplot/..%2f..%2f..",
        "/vendor/uplot/../../../LICENSE", "/vendor/uplot/%2e%2e/LICENSE", "/.%2e/.%2e/pom.xml",
        "/%2e%2e%2f%2e%2e%2fpom.xml", "/..;/pom.xml", "/vendor/uplot/..%5cLICENSE", "/vendor/uplot/..\\LICENSE",
        "//etc/passwd", "/%00index.html", "/.hidden.js"})
    void traversalAttemptsAreRefusedWithoutReachingAFile(String target) throws Exception {
        RawHttp.Answer answer = RawHttp.get(server.port(), target);

        assertThat(answer.status()).isBetween(400, 499);
        assertThat(answer.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(answer.body()).startsWith("{\"status\":\"error\"").doesNotContain("<project", "uPlot", "root:");
        TestServer.assertNoInternals(answer.body());
    }
}
