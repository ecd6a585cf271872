package dev.agentmeter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import dev.agentmeter.AgentMeter;
import dev.agentmeter.Running;
import dev.agentmeter.testing.TestSettings;

/** The login page in a real headless Chromium against a server that needs a token. */
class LoginBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static Running server;
    private static ChromeDriver browser;
    private static String baseUrl;

    @BeforeAll
    static void startServerAndBrowser() throws Exception {
        browser = BrowserSupport.startHeadlessChromium(1280, 1000);
        server = AgentMeter.start(TestSettings.builder().token(WebAuthTest.TOKEN).build());
        baseUrl = "http://127.0.0.1:" + server.httpPort();
    }

    @AfterAll
    static void stopBrowserAndServer() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.stop();
        }
    }

    @BeforeEach
    void startLoggedOut() {
        browser.manage().deleteAllCookies();
        browser.manage().logs().get(LogType.BROWSER);
    }

    @Test
    void theDashboardSendsABrowserWithoutASessionToTheLoginPage() {
        browser.get(baseUrl + "/");

        await().atMost(WAIT).until(() -> browser.getCurrentUrl().endsWith("/login.html"));
        assertThat(browser.findElement(By.id("token")).getAttribute("type")).isEqualTo("password");
    }

    @Test
    void aWrongTokenIsSaidSoAndLeavesTheBrowserOnTheLoginPage() {
        browser.get(baseUrl + "/login.html");

        logIn("not-the-right-token-at-all");

        await().atMost(WAIT).untilAsserted(() ->
                assertThat(browser.findElement(By.id("notice")).getText()).isEqualTo("Wrong token."));
        assertThat(browser.getCurrentUrl()).endsWith("/login.html");
        assertThat(browser.manage().getCookies()).isEmpty();
    }

    @Test
    void theRightTokenOpensTheLiveDashboardWhichThenFollowsNewTasks() throws Exception {
        browser.get(baseUrl + "/login.html");

        logIn(WebAuthTest.TOKEN);

        await().atMost(WAIT).until(() -> browser.getCurrentUrl().equals(baseUrl + "/"));
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("live"));
        simulate("after-login");
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(browser.findElement(By.id("request-history")).getText()).contains("after-login"));
        assertThat(browser.manage().getCookieNamed("agentmeter_session").isHttpOnly()).isTrue();
        assertThat(severeConsoleMessages()).isEmpty();
    }

    @Test
    void afterLoginTheBrowsersEventSourceIsLetIn() {
        browser.get(baseUrl + "/login.html");
        logIn(WebAuthTest.TOKEN);
        await().atMost(WAIT).until(() -> browser.getCurrentUrl().equals(baseUrl + "/"));

        browser.executeScript("window.probe = new EventSource('/api/events');"
                + "window.probe.addEventListener('dashboard', () => { window.probeGotEvent = true; });");

        await().atMost(WAIT).until(() -> Boolean.TRUE.equals(browser.executeScript("return window.probeGotEvent === true;")));
        browser.executeScript("window.probe.close();");
    }

    private static void logIn(String token) {
        var field = browser.findElement(By.id("token"));
        field.clear();
        field.sendKeys(token);
        browser.findElement(By.id("btn-login")).click();
    }

    private static void simulate(String name) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(baseUrl + "/api/tasks/simulate")).header("Authorization", "Bearer " + WebAuthTest.TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"duration\":0}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    private static List<String> severeConsoleMessages() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }
}
