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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.agentmeter.testing.TestSettings;

/**
 * The dashboard's tokens and cost parts (cards, chart, models table, history columns) in a real headless
 * Chromium against the real server, fed through {@code POST /api/tasks} as an agent would.
 */
class DashboardUsageBrowserTest {

    private static final Duration LIVE_UPDATE = Duration.ofSeconds(3);
    private static final String XSS_NAME = "<img src=x onerror=alert(1)>";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestServer server;
    private static ChromeDriver browser;

    @BeforeAll
    static void startServerAndBrowser() throws Exception {
        browser = BrowserSupport.startHeadlessChromium(1280, 1700);
        server = TestServer.start(TestSettings.forTests());
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
    void costAndTokenCardsEqualTheTotalsOfTheApi() throws Exception {
        report(modelCall("draft", "planner", "claude-sonnet-4-5", "anthropic", 1000, 200, 400, 12.0));
        report(modelCall("review", "planner", "gpt-4o", "openai", 234, 100, 0, 0.34));

        openDashboard();

        JsonNode metrics = JSON.readTree(server.get("/api/metrics").body()).get("data");
        assertThat(metrics.get("total_cost_usd").asDouble()).isEqualTo(12.34);
        assertThat(metrics.get("total_input_tokens").asLong()).isEqualTo(1234);
        await().atMost(LIVE_UPDATE).untilAsserted(() -> {
            assertThat(cardValue("total_cost_usd")).isEqualTo("$12.34");
            assertThat(cardValue("total_input_tokens")).isEqualTo("1.2k in");
        });
        assertThat(Double.parseDouble(cardRaw("total_cost_usd"))).isEqualTo(metrics.get("total_cost_usd").asDouble());
        assertThat(Long.parseLong(cardRaw("total_input_tokens"))).isEqualTo(metrics.get("total_input_tokens").asLong());
        assertThat(field("total_output_tokens")).isEqualTo("300");
        assertThat(field("total_cache_read_tokens")).isEqualTo("400");
        assertThat(field("cost_last_minute")).isEqualTo("$12.34");
        assertThat(severeConsoleMessages()).isEmpty();
    }

    @Test
    void aModelCallPostedThroughTheApiAppearsInTheModelsTableAndTheHistoryWithoutReload() throws Exception {
        openDashboard();
        assertThat(tableText("models")).contains("No model calls yet");

        report(modelCall("chat claude-sonnet-4-5", "writer", "claude-sonnet-4-5", "anthropic", 1500, 300, 0, 0.0042));

        await().atMost(LIVE_UPDATE).untilAsserted(() -> {
            assertThat(modelRow("claude-sonnet-4-5")).containsExactly("claude-sonnet-4-5", "anthropic", "1", "0", "0%",
                    "5 ms", "5 ms", "1.5k", "300", "$0.0042");
            assertThat(historyCell("chat claude-sonnet-4-5", "col-model")).isEqualTo("claude-sonnet-4-5");
            assertThat(historyCell("chat claude-sonnet-4-5", "col-tokens")).isEqualTo("1.5k / 300");
            assertThat(historyCell("chat claude-sonnet-4-5", "col-cost")).isEqualTo("$0.0042");
        });
        assertThat(cardValue("total_cost_usd")).isEqualTo("$0.0042");
    }

    @Test
    void aTaskWithoutAModelLeavesTheModelCellsEmptyAndTheModelsTableEmpty() throws Exception {
        openDashboard();

        report("{\"name\":\"read_file\",\"duration_ms\":3,\"success\":true}");

        await().atMost(LIVE_UPDATE).untilAsserted(() -> assertThat(tableText("request-history")).contains("read_file"));
        assertThat(historyCell("read_file", "col-model")).isEmpty();
        assertThat(historyCell("read_file", "col-tokens")).isEmpty();
        assertThat(historyCell("read_file", "col-cost")).isEmpty();
        assertThat(tableText("models")).contains(
                "No model calls yet: send OpenTelemetry GenAI spans to /v1/traces, or report tasks with a model");
    }

    @Test
    void aMarkupModelNameShowsAsTextAndRunsNothing() throws Exception {
        openDashboard();

        report(modelCall("chat hostile", "mallory", XSS_NAME, XSS_NAME, 10, 5, 0, 0.001));

        await().atMost(LIVE_UPDATE).untilAsserted(() -> {
            assertThat(tableText("models")).contains(XSS_NAME);
            assertThat(historyCell("chat hostile", "col-model")).isEqualTo(XSS_NAME);
        });
        assertThat(browser.findElements(By.cssSelector("main img"))).isEmpty();
        assertThat(alertIsOpen()).isFalse();
        assertThat(severeConsoleMessages()).isEmpty();
    }

    @Test
    void withAnAgentChosenTheChartFollowsItButTheModelsTableShowsAllAgentsAndSaysSo() throws Exception {
        report(modelCall("plan", "alpha", "model-of-alpha", "openai", 10, 5, 0, 0.01));
        report(modelCall("act", "beta", "model-of-beta", "openai", 20, 5, 0, 0.02));
        openDashboard();
        WebElement note = browser.findElement(By.cssSelector("[data-field='all-agents-note']"));
        assertThat(note.getText()).isEmpty();
        await().atMost(LIVE_UPDATE).untilAsserted(() ->
                assertThat(new Select(browser.findElement(By.id("agent-filter"))).getOptions()).hasSize(3));

        chooseAgent("beta");

        await().atMost(LIVE_UPDATE).untilAsserted(() -> {
            assertThat(tableText("task-stats")).contains("act").doesNotContain("plan");
            assertThat(rate("input_tokens")).as("the chart follows the filter").isEqualTo("20");
        });
        assertThat(note.getText()).isEqualTo("all agents");
        report(modelCall("act", "alpha", "model-of-alpha", "openai", 10, 5, 0, 0.01));
        await().atMost(LIVE_UPDATE).untilAsserted(() ->
                assertThat(modelRow("model-of-alpha")).element(2).isEqualTo("2"));
        assertThat(tableText("models")).contains("model-of-beta");
    }

    @Test
    void withoutAnEventStreamTheFiveSecondPollBringsModelsAndCost() throws Exception {
        Map<String, Object> script = browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                Map.of("source", "delete window.EventSource;"));
        try {
            openDashboard();

            report(modelCall("chat polled", "poller", "polled-model", "openai", 40, 10, 0, 0.25));

            await().atMost(Duration.ofSeconds(8)).untilAsserted(() -> {
                assertThat(modelRow("polled-model")).element(9).isEqualTo("$0.25");
                assertThat(cardValue("total_cost_usd")).isEqualTo("$0.25");
                assertThat(rate("cost_usd")).isEqualTo("$0.25");
            });
        } finally {
            browser.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", script.get("identifier")));
        }
    }

    @Test
    void theTokensAndCostChartShowsTheLastMinuteOfTheSeries() throws Exception {
        openDashboard();

        report(modelCall("chat", "writer", "gpt-4o", "openai", 2000, 500, 0, 0.5));

        await().atMost(LIVE_UPDATE).untilAsserted(() -> {
            assertThat(rate("input_tokens")).isEqualTo("2k");
            assertThat(rate("output_tokens")).isEqualTo("500");
            assertThat(rate("cost_usd")).isEqualTo("$0.50");
        });
        assertThat(browser.findElements(By.cssSelector("#chart-usage canvas"))).hasSize(1);
        assertThat(browser.findElement(By.cssSelector("#chart-usage .u-legend")).getText())
                .contains("Input tokens", "Output tokens", "Cost");
    }

    @Test
    void moneyAndTokenCountsReadAsPeopleWriteThem() {
        openDashboard();

        @SuppressWarnings("unchecked")
        List<String> texts = (List<String>) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/format.js').then((f) => done([
                  f.formatMoney(12.34), f.formatMoney(0.0042), f.formatMoney(0.000015), f.formatMoney(0),
                  f.formatMoney(1234.5), f.formatMoney(250000), f.formatMoney(null), f.formatMoney(0.5),
                  f.formatTokenPair(1234, 350), f.formatTokenPair(null, 7), f.formatTokenPair(null, null),
                ]));
                """);

        assertThat(texts).containsExactly("$12.34", "$0.0042", "$0.000015", "$0.00", "$1,234.50", "$250k", "—",
                "$0.50", "1.2k / 350", "— / 7", "—");
    }

    @Test
    void theRollingMinuteSumsAWholeMinuteAndLeavesTheFirstMinuteBlank() {
        openDashboard();

        @SuppressWarnings("unchecked")
        List<Object> sums = (List<Object>) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/usage.js').then((u) => {
                  const seconds = Array.from({ length: 180 }, (_, i) => 1000 + i);
                  const tokens = seconds.map((_, i) => (i === 70 ? 100 : i === 100 ? 50 : 0));
                  const sums = u.perMinute(seconds, tokens);
                  done([sums[58], sums[59], sums[69], sums[70], sums[100], sums[129], sums[130], sums[160]]);
                });
                """);

        assertThat(sums).containsExactly(null, 0L, 0L, 100L, 150L, 150L, 50L, 0L);
    }

    @Test
    void phoneWidthShowsTheUsagePartsWithoutSidewaysScrolling() throws Exception {
        report(modelCall("chat with a rather long task name", "a-long-agent-name-on-a-phone",
                "claude-sonnet-4-5-20250929-with-a-long-suffix", "anthropic", 123456, 7890, 100000, 1.2345));
        browser.manage().window().setSize(new Dimension(360, 800));
        try {
            openDashboard();
            await().atMost(LIVE_UPDATE).untilAsserted(() -> assertThat(cardValue("total_cost_usd")).isEqualTo("$1.23"));

            Number overflow = (Number) browser.executeScript(
                    "return document.documentElement.scrollWidth - window.innerWidth;");
            assertThat(overflow.intValue()).isLessThanOrEqualTo(0);
            WebElement history = browser.findElement(By.id("request-history"));
            // The history keeps its task, response time, status and cost.
            assertThat(history.findElement(By.cssSelector("th.col-model")).isDisplayed()).isFalse();
            assertThat(history.findElement(By.cssSelector("th.col-tokens")).isDisplayed()).isFalse();
            assertThat(history.findElement(By.cssSelector("th.col-cost")).isDisplayed()).isTrue();
            assertThat(sidewaysScrollInside("#models")).isLessThanOrEqualTo(0);
            assertThat(sidewaysScrollInside("#request-history")).isLessThanOrEqualTo(0);
            scrollTo(".panel-models");
            saveScreenshot("dashboard-usage-phone.png");
            scrollTo(".panel-history");
            saveScreenshot("dashboard-usage-phone-history.png");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1700));
        }
    }

    @Test
    void darkColourSchemeColoursTheUsageParts() throws Exception {
        report(modelCall("chat", "writer", "gpt-4o", "openai", 2000, 500, 0, 0.5));
        report(modelCall("chat", "writer", "claude-haiku-4-5", "anthropic", 800, 90, 0, 0.003));
        browser.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        try {
            openDashboard();
            await().atMost(LIVE_UPDATE).untilAsserted(() -> assertThat(tableText("models")).contains("gpt-4o"));

            assertThat(luminanceOf(".panel-models", "backgroundColor")).isLessThan(0.2);
            assertThat(luminanceOf("#models td", "color")).isGreaterThan(0.6);
            assertThat(luminanceOf("[data-metric='total_cost_usd']", "backgroundColor")).isLessThan(0.2);
            assertThat(luminanceOf("#chart-usage .u-legend .u-value", "color")).isGreaterThan(0.6);
            saveScreenshot("dashboard-usage-dark.png");
        } finally {
            browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        }
    }

    @Test
    void screenshotOfTheUsagePartsIsSavedForPeople() throws Exception {
        String[][] models = {{"claude-sonnet-4-5", "anthropic"}, {"gpt-4o", "openai"}, {"gemini-2.5-pro", "gcp.gemini"}};
        for (int i = 0; i < 24; i++) {
            String[] model = models[i % models.length];
            report(modelCall("chat " + model[0], "agent-" + (i % 2), model[0], model[1], 1000 + 250 * i, 80 + 10 * i,
                    200 * (i % 3), 0.001 * (i + 1)));
        }
        openDashboard();
        await().atMost(LIVE_UPDATE).untilAsserted(() -> assertThat(tableText("models")).contains("gemini-2.5-pro"));

        scrollTo(".chart-panel-usage");
        saveScreenshot("dashboard-usage.png");

        assertThat(severeConsoleMessages()).isEmpty();
    }

    /** One task with a model call, as {@code POST /api/tasks} takes it. */
    private static String modelCall(String name, String agent, String model, String provider, long inputTokens,
            long outputTokens, long cacheReadTokens, double costUsd) throws IOException {
        return JSON.writeValueAsString(Map.of("name", name, "duration_ms", 5, "success", true, "agent", agent,
                "model", model, "provider", provider, "input_tokens", inputTokens, "output_tokens", outputTokens,
                "cache_read_tokens", cacheReadTokens, "cost_usd", costUsd));
    }

    private static void report(String json) {
        assertThat(server.postJson("/api/tasks", json).body()).contains("\"status\":\"success\"");
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

    private String cardRaw(String metric) {
        return browser.findElement(By.cssSelector("[data-metric='" + metric + "'] .value")).getAttribute("data-raw");
    }

    private String field(String name) {
        return browser.findElement(By.cssSelector("[data-field='" + name + "']")).getText().trim();
    }

    private String rate(String name) {
        return browser.findElement(By.cssSelector("[data-rate='" + name + "']")).getText().trim();
    }

    private String tableText(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /** The cell texts of a model's row, read in one go: the table is rebuilt whenever an event arrives. */
    @SuppressWarnings("unchecked")
    private List<String> modelRow(String model) {
        List<List<String>> rows = (List<List<String>>) browser.executeScript(
                "return [...document.querySelectorAll('#models tbody tr')].map((tr) => [...tr.cells].map((td) => td.innerText.trim()));");
        return rows.stream().filter(cells -> cells.get(0).equals(model))
                .findFirst().orElseThrow(() -> new AssertionError("no row for model " + model + " in " + rows));
    }

    /** The text of one column (by its class) in the history row of a task, read in one go like modelRow. */
    private String historyCell(String taskName, String columnClass) {
        Object text = browser.executeScript("""
                const row = [...document.querySelectorAll('#request-history tbody tr')]
                    .find((tr) => tr.querySelector('td.name')?.textContent === arguments[0]);
                return row ? row.querySelector('td.' + arguments[1]).innerText.trim() : null;
                """, taskName, columnClass);
        if (text == null) {
            throw new AssertionError("no history row for " + taskName);
        }
        return (String) text;
    }

    /** Brightness (0 black .. 1 white, weighted as the eye sees) of a computed colour of the first match. */
    private double luminanceOf(String selector, String property) {
        String colour = (String) browser.executeScript(
                "return getComputedStyle(document.querySelector(arguments[0]))[arguments[1]];", selector, property);
        String[] parts = colour.replaceAll("[^0-9.,]", "").split(",");
        double red = Double.parseDouble(parts[0]) / 255;
        double green = Double.parseDouble(parts[1]) / 255;
        double blue = Double.parseDouble(parts[2]) / 255;
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
    }

    private void scrollTo(String selector) {
        // The sticky header would cover the top of what was scrolled to.
        browser.executeScript("document.querySelector(arguments[0]).scrollIntoView({block: 'start'});"
                + "window.scrollBy(0, -document.querySelector('.topbar').getBoundingClientRect().height - 16);", selector);
    }

    /** How far the table's scrolling box scrolls sideways (0 when the whole table fits). */
    private int sidewaysScrollInside(String tableSelector) {
        Number overflow = (Number) browser.executeScript(
                "const wrap = document.querySelector(arguments[0]).closest('.table-wrap');"
                        + "return wrap.scrollWidth - wrap.clientWidth;", tableSelector);
        return overflow.intValue();
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

    private static void saveScreenshot(String fileName) throws IOException {
        Path screenshot = Path.of("target", fileName);
        Files.createDirectories(screenshot.getParent());
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), screenshot, StandardCopyOption.REPLACE_EXISTING);
        assertThat(screenshot).isNotEmptyFile();
    }
}
