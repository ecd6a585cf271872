package dev.agentmeter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import dev.agentmeter.AgentMeter;
import dev.agentmeter.Settings;
import dev.agentmeter.alerts.AlertRuleParser;

/** The dashboard in a real headless Chromium against the real server on a free loopback port. */
class DashboardBrowserTest {

    private static final Duration LIVE_UPDATE = Duration.ofSeconds(3);
    private static final String ALERT_RULE = "error_rate > 50% window=10s";
    private static final String XSS_NAME = "<img src=x onerror=alert(1)>";

    private static AgentMeter.Running server;
    private static ChromeDriver browser;
    private static String baseUrl;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startServerAndBrowser() throws Exception {
        browser = BrowserSupport.startHeadlessChromium(1280, 1700);
        // Evaluated only when a test says so: the interval is longer than any test run.
        server = AgentMeter.start(Settings.forTests().withAlerts(List.of(AlertRuleParser.parse(ALERT_RULE)), null,
                Duration.ofHours(1)));
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
    void startFromAnEmptyStore() throws Exception {
        post("/api/reset", "");
    }

    @Test
    void pageLoadsLiveWithoutConsoleErrors() {
        openDashboard();

        assertThat(browser.findElements(By.cssSelector("[data-metric]"))).hasSizeGreaterThanOrEqualTo(8);
        assertThat(severeConsoleMessages()).isEmpty();
    }

    @Test
    void cardsShowWhatTheApiReturns() throws Exception {
        simulate("search", false);
        simulate("search", false);
        simulate("fetch", true);

        openDashboard();

        await().atMost(LIVE_UPDATE).untilAsserted(() -> {
            assertThat(cardValue("total_requests")).isEqualTo("3");
            assertThat(cardValue("successful_requests")).isEqualTo("2");
            assertThat(cardValue("failed_requests")).isEqualTo("1");
            assertThat(cardValue("success_rate")).contains("66.7");
        });
        assertThat(get("/api/metrics")).contains("\"total_requests\":3");
    }

    @Test
    void aTaskRecordedThroughTheApiAppearsWithoutReload() throws Exception {
        openDashboard();

        simulate("appears-live", false);

        await().atMost(LIVE_UPDATE).untilAsserted(() -> {
            assertThat(tableText("request-history")).contains("appears-live");
            assertThat(cardValue("total_requests")).isEqualTo("1");
        });
    }

    @Test
    void aFailedTaskAppearsInTheErrorLog() throws Exception {
        openDashboard();

        simulate("breaks-live", true);

        await().atMost(LIVE_UPDATE).untilAsserted(() ->
                assertThat(tableText("error-log")).contains("breaks-live").contains("Simulated failure"));
    }

    @Test
    void clickingSimulateRecordsATask() {
        openDashboard();

        browser.findElement(By.id("btn-simulate")).click();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(cardValue("total_requests")).isEqualTo("1"));
    }

    @Test
    void resetAfterConfirmationClearsThePage() throws Exception {
        simulate("to-be-cleared", false);
        openDashboard();
        await().atMost(LIVE_UPDATE).untilAsserted(() -> assertThat(tableText("request-history")).contains("to-be-cleared"));

        browser.findElement(By.id("btn-reset")).click();
        Alert confirmation = await().atMost(Duration.ofSeconds(2)).ignoreExceptions()
                .until(() -> browser.switchTo().alert(), alert -> alert != null);
        confirmation.accept();

        await().atMost(LIVE_UPDATE).untilAsserted(() -> {
            assertThat(cardValue("total_requests")).isEqualTo("0");
            assertThat(tableText("request-history")).doesNotContain("to-be-cleared");
        });
        assertThat(get("/api/metrics")).contains("\"total_requests\":0");
    }

    @Test
    void aMarkupTaskNameShowsAsTextAndRunsNothing() throws Exception {
        openDashboard();

        simulate(XSS_NAME, true);

        await().atMost(LIVE_UPDATE).untilAsserted(() -> assertThat(tableText("request-history")).contains(XSS_NAME));
        assertThat(browser.findElements(By.cssSelector("main img"))).isEmpty();
        assertThat(alertIsOpen()).isFalse();
        assertThat(tableText("error-log")).contains(XSS_NAME);
    }

    @Test
    void screenshotOfABusyDashboardIsSavedForPeople() throws Exception {
        String[] names = {"search_web", "summarize", "plan_trip", "call_api", "write_code"};
        for (int i = 0; i < 40; i++) {
            simulate(names[i % names.length], i % 9 == 0);
        }
        openDashboard();
        await().atMost(LIVE_UPDATE).untilAsserted(() -> assertThat(cardValue("total_requests")).isEqualTo("40"));

        Path screenshot = Path.of("target", "dashboard.png");
        Files.createDirectories(screenshot.getParent());
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), screenshot, StandardCopyOption.REPLACE_EXISTING);

        assertThat(screenshot).isNotEmptyFile();
        assertThat(severeConsoleMessages()).isEmpty();
    }

    @Test
    void theAlertBannerShowsWhileARuleFiresAndHidesWhenItResolves() throws Exception {
        openDashboard();
        WebElement banner = browser.findElement(By.id("alert-banner"));
        assertThat(banner.isDisplayed()).isFalse();

        simulate("flaky", true);
        simulate("flaky", true);
        server.alerts().evaluate();
        await().atMost(LIVE_UPDATE).untilAsserted(() -> assertThat(banner.isDisplayed()).isTrue());
        assertThat(banner.getAttribute("role")).isEqualTo("alert");
        assertThat(banner.getText()).contains(ALERT_RULE);

        for (int i = 0; i < 4; i++) {
            simulate("flaky", false);
        }
        server.alerts().evaluate();
        await().atMost(LIVE_UPDATE).untilAsserted(() -> assertThat(banner.isDisplayed()).isFalse());
    }

    @Test
    void theServerHealthPanelListsTheRoutesTheDashboardCalled() {
        openDashboard();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(tableText("server-routes"))
                .contains("GET /api/dashboard"));
        assertThat(browser.findElement(By.cssSelector("[data-server=\"threads\"]")).getText()).matches("\\d+");
    }

    private void openDashboard() {
        browser.get(baseUrl + "/");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("live"));
    }

    private String cardValue(String metric) {
        return browser.findElement(By.cssSelector("[data-metric='" + metric + "'] .value")).getText().trim();
    }

    private String tableText(String id) {
        WebElement table = browser.findElement(By.id(id));
        return table.getText();
    }

    private boolean alertIsOpen() {
        try {
            browser.switchTo().alert();
            return true;
        } catch (NoAlertPresentException e) {
            return false;
        }
    }

    private List<String> severeConsoleMessages() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    private static void simulate(String name, boolean fail) throws Exception {
        String escaped = name.replace("\\", "\\\\").replace("\"", "\\\"");
        String response = post("/api/tasks/simulate",
                "{\"name\":\"" + escaped + "\",\"duration\":0,\"should_fail\":" + fail + "}");
        assertThat(response).contains("\"status\":\"success\"");
    }

    private static String post(String path, String json) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
