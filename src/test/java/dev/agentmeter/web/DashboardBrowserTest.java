package dev.agentmeter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;

import dev.agentmeter.alerts.AlertRuleParser;
import dev.agentmeter.testing.TestSettings;

/** The dashboard in a real headless Chromium against the real server on a free loopback port. */
class DashboardBrowserTest {

    private static final Duration LIVE_UPDATE = Duration.ofSeconds(3);
    private static final String ALERT_RULE = "error_rate > 50% window=10s";
    private static final String XSS_NAME = "<img src=x onerror=alert(1)>";

    private static TestServer server;
    private static ChromeDriver browser;

    @BeforeAll
    static void startServerAndBrowser() throws Exception {
        browser = BrowserSupport.startHeadlessChromium(1280, 1700);
        // Alert rules are evaluated only when a test says so: the interval is longer than any test run.
        server = TestServer.start(TestSettings.builder().alerts(List.of(AlertRuleParser.parse(ALERT_RULE)), null,
                Duration.ofHours(1)).build());
    }

    @AfterAll
    static void stopBrowserAndServer() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void startFromAnEmptyStore() {
        server.running().metrics().reset();
    }

    @Test
    void pageLoadsLiveWithoutConsoleErrors() {
        openDashboard();

        assertThat(browser.findElements(By.cssSelector("[data-metric]"))).hasSizeGreaterThanOrEqualTo(8);
        assertThat(severeConsoleMessages()).isEmpty();
    }

    @Test
    void cardsShowWhatTheApiReturns() {
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
        assertThat(server.get("/api/metrics").body()).contains("\"total_requests\":3");
    }

    @Test
    void aTaskRecordedThroughTheApiAppearsWithoutReload() {
        openDashboard();

        simulate("appears-live", false);

        await().atMost(LIVE_UPDATE).untilAsserted(() -> {
            assertThat(tableText("request-history")).contains("appears-live");
            assertThat(cardValue("total_requests")).isEqualTo("1");
        });
    }

    @Test
    void aFailedTaskAppearsInTheErrorLog() {
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
    void resetAfterConfirmationClearsThePage() {
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
        assertThat(server.get("/api/metrics").body()).contains("\"total_requests\":0");
    }

    @Test
    void aMarkupTaskNameShowsAsTextAndRunsNothing() {
        openDashboard();

        simulate(XSS_NAME, true);

        await().atMost(LIVE_UPDATE).untilAsserted(() -> assertThat(tableText("request-history")).contains(XSS_NAME));
        assertThat(browser.findElements(By.cssSelector("main img"))).isEmpty();
        assertThat(alertIsOpen()).isFalse();
        assertThat(tableText("error-log")).contains(XSS_NAME);
    }

    @Test
    void historyShowsTheAgentOfEachTask() throws Exception {
        openDashboard();

        report("[{\"name\":\"plan\",\"duration_ms\":5,\"success\":true,\"agent\":\"planner-bot\"}]");

        await().atMost(LIVE_UPDATE).untilAsserted(() ->
                assertThat(tableText("request-history")).contains("plan").contains("planner-bot"));
    }

    @Test
    void choosingAnAgentFiltersTheTaskTable() throws Exception {
        report("[{\"name\":\"alpha-task\",\"duration_ms\":5,\"success\":true,\"agent\":\"alpha\"},"
                + "{\"name\":\"beta-task\",\"duration_ms\":7,\"success\":false,\"agent\":\"beta\"}]");
        openDashboard();
        await().atMost(LIVE_UPDATE).ignoreException(StaleElementReferenceException.class).untilAsserted(() ->
                assertThat(new Select(browser.findElement(By.id("agent-filter"))).getOptions())
                        .extracting(WebElement::getText).containsExactly("All agents", "alpha", "beta"));

        chooseAgent("beta");

        await().atMost(LIVE_UPDATE).untilAsserted(() ->
                assertThat(tableText("task-stats")).contains("beta-task").doesNotContain("alpha-task"));
        report("{\"name\":\"beta-later\",\"duration_ms\":1,\"success\":true,\"agent\":\"beta\"}");
        await().atMost(LIVE_UPDATE).untilAsserted(() ->
                assertThat(tableText("task-stats")).contains("beta-later").doesNotContain("alpha-task"));

        chooseAgent("All agents");

        await().atMost(LIVE_UPDATE).untilAsserted(() ->
                assertThat(tableText("task-stats")).contains("alpha-task", "beta-task", "beta-later"));
        assertThat(severeConsoleMessages()).isEmpty();
    }

    @Test
    void screenshotOfABusyDashboardIsSavedForPeople() throws Exception {
        String[] names = {"search_web", "summarize", "plan_trip", "call_api", "write_code"};
        for (int i = 0; i < 40; i++) {
            simulate(names[i % names.length], i % 9 == 0);
        }
        String[] models = {"claude-sonnet-4-5", "gpt-4o", "claude-haiku-4-5"};
        for (int i = 0; i < 9; i++) {
            report("{\"name\":\"chat " + models[i % 3] + "\",\"duration_ms\":" + (400 + 90 * i)
                    + ",\"success\":" + (i != 4) + ",\"agent\":\"writer\",\"model\":\"" + models[i % 3]
                    + "\",\"input_tokens\":" + (1200 + 700 * i) + ",\"output_tokens\":" + (150 + 40 * i)
                    + ",\"cost_usd\":" + (0.002 * (i + 1)) + "}");
        }
        openDashboard();
        await().atMost(LIVE_UPDATE).untilAsserted(() -> assertThat(cardValue("total_requests")).isEqualTo("49"));

        saveScreenshot("dashboard.png");

        assertThat(severeConsoleMessages()).isEmpty();
    }

    @Test
    void phoneWidthNeedsNoSidewaysScrolling() throws Exception {
        simulate("a-rather-long-task-name-for-a-small-screen", true);
        browser.manage().window().setSize(new Dimension(360, 800));
        try {
            openDashboard();
            await().atMost(LIVE_UPDATE).untilAsserted(() -> assertThat(cardValue("total_requests")).isEqualTo("1"));

            Number overflow = (Number) browser.executeScript(
                    "return document.documentElement.scrollWidth - window.innerWidth;");
            assertThat(overflow.intValue()).isLessThanOrEqualTo(0);
            saveScreenshot("dashboard-phone.png");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1700));
        }
    }

    @Test
    void darkColourSchemeIsFollowed() throws Exception {
        browser.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        try {
            openDashboard();
            String lightBackground = "rgb(255, 255, 255)";

            Object background = browser.executeScript("return getComputedStyle(document.body).backgroundColor;");
            assertThat(background).isNotEqualTo(lightBackground);
            saveScreenshot("dashboard-dark.png");
        } finally {
            browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        }
    }

    private static void saveScreenshot(String fileName) throws IOException {
        Path screenshot = Path.of("target", fileName);
        Files.createDirectories(screenshot.getParent());
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), screenshot, StandardCopyOption.REPLACE_EXISTING);
        assertThat(screenshot).isNotEmptyFile();
    }

    @Test
    void theAlertBannerShowsWhileARuleFiresAndHidesWhenItResolves() throws Exception {
        openDashboard();
        WebElement banner = browser.findElement(By.id("alert-banner"));
        assertThat(banner.isDisplayed()).isFalse();

        simulate("flaky", true);
        simulate("flaky", true);
        server.running().alerts().evaluate();
        await().atMost(LIVE_UPDATE).untilAsserted(() -> assertThat(banner.isDisplayed()).isTrue());
        assertThat(banner.getAttribute("role")).isEqualTo("alert");
        assertThat(banner.getText()).contains(ALERT_RULE);

        for (int i = 0; i < 4; i++) {
            simulate("flaky", false);
        }
        server.running().alerts().evaluate();
        await().atMost(LIVE_UPDATE).untilAsserted(() -> assertThat(banner.isDisplayed()).isFalse());
    }

    @Test
    void theServerHealthPanelListsTheRoutesTheDashboardCalled() {
        openDashboard();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(tableText("server-routes"))
                .contains("GET /api/live"));
        assertThat(browser.findElement(By.cssSelector("[data-server=\"threads\"]")).getText()).matches("\\d+");
    }

    /**
     * Picks an entry of the agent filter. The page rebuilds the options when the agents' order changes (busiest
     * first), so an option found a moment ago may be gone: try again with the new ones.
     */
    private void chooseAgent(String label) {
        await().atMost(LIVE_UPDATE).ignoreException(StaleElementReferenceException.class).untilAsserted(() -> {
            var filter = new Select(browser.findElement(By.id("agent-filter")));
            filter.selectByVisibleText(label);
            assertThat(filter.getFirstSelectedOption().getText()).isEqualTo(label);
        });
    }

    private void openDashboard() {
        browser.get(server.uri("/").toString());
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

    private static void simulate(String name, boolean fail) {
        String escaped = name.replace("\\", "\\\\").replace("\"", "\\\"");
        String response = server.postJson("/api/tasks/simulate",
                "{\"name\":\"" + escaped + "\",\"duration\":0,\"should_fail\":" + fail + "}").body();
        assertThat(response).contains("\"status\":\"success\"");
    }

    private static void report(String json) {
        assertThat(server.postJson("/api/tasks", json).body()).contains("\"status\":\"success\"");
    }
}
