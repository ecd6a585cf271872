package dev.agentmeter.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.agentmeter.AgentMeter;
import dev.agentmeter.Running;
import dev.agentmeter.testing.TestSettings;
import dev.agentmeter.web.BrowserSupport;

/**
 * The dashboard panel in a real headless Chromium, shown by a host page built on the official MCP Apps host
 * bridge ({@code @modelcontextprotocol/ext-apps} AppBridge) and the official MCP TypeScript client, which talks
 * to the real server over Streamable HTTP. The panel runs in a sandboxed frame under the CSP its resource
 * declares; the host page records every tool call the panel makes, every CSP violation and every resource the
 * frame loads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpAppBrowserTest {

    private static final Duration READY = Duration.ofSeconds(30);
    private static final Duration SHOWN_WITHIN = Duration.ofSeconds(2);
    private static final String HOSTILE_NAME = "<img src=x onerror=alert(1)>";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private ChromeDriver browser;
    private Running running;
    private AppsHostServer host;

    @BeforeAll
    void start() throws Exception {
        Path bundle = AppsHostBundle.prepare();
        browser = BrowserSupport.startHeadlessChromium(1000, 1500);
        running = AgentMeter.start(TestSettings.forTests());
        host = AppsHostServer.start(bundle, running.httpPort());
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (host != null) {
            host.close();
        }
        if (running != null) {
            running.stop();
        }
    }

    @BeforeEach
    void startFromAnEmptyStore() {
        running.metrics().reset();
    }

    @Test
    void theCardsShowWhatTheApiReturns() throws Exception {
        // A model call too: where the dashboard has token and cost cards, the panel shows them from the same API.
        record("search", 120, true, null, null, modelCall(1));
        record("search", true, null, null);
        record("fetch", false, "timeout", null);
        openPanel("{}");

        await().atMost(READY).until(() -> inPanel(() -> rawCard("total_requests")).equals("3"));

        JsonNode metrics = get("/api/metrics");
        List<WebElement> cards = inPanel(() -> browser.findElements(By.cssSelector("[data-metric]")));
        assertThat(cards).hasSizeGreaterThanOrEqualTo(8);
        inPanel(() -> {
            for (WebElement card : browser.findElements(By.cssSelector("[data-metric]"))) {
                String field = card.getAttribute("data-metric");
                String raw = card.findElement(By.cssSelector(".value")).getAttribute("data-raw");
                JsonNode expected = metrics.path(field);
                if (field.equals("uptime_seconds")) {
                    assertThat(Double.parseDouble(raw)).isCloseTo(expected.asDouble(), Offset.offset(3.0));
                } else if (expected.isNull()) {
                    assertThat(raw).as(field).isEmpty();
                } else {
                    assertThat(Double.parseDouble(raw)).as(field).isEqualTo(expected.asDouble());
                }
            }
            return null;
        });
    }

    @Test
    void aTaskRecordedThroughTheApiShowsInThePanelWithinTwoSeconds() throws Exception {
        openPanel("{}");
        await().atMost(READY).until(() -> appCalls("get_live_view") >= 1);

        record("arrives-later", false, "upstream refused", null);

        await().atMost(SHOWN_WITHIN).until(() -> inPanel(() -> tableText("task-stats").contains("arrives-later")
                && tableText("error-log").contains("upstream refused")));
    }

    @Test
    void aHostileTaskNameIsShownAsText() throws Exception {
        record(HOSTILE_NAME, false, HOSTILE_NAME, null);
        openPanel("{}");

        await().atMost(READY).until(() -> inPanel(() -> tableText("task-stats").contains(HOSTILE_NAME)));
        inPanel(() -> {
            assertThat(browser.findElements(By.cssSelector("#task-stats img, #error-log img"))).isEmpty();
            assertThat(browser.findElements(By.cssSelector("#task-stats td.name")))
                    .extracting(WebElement::getText).contains(HOSTILE_NAME);
            return null;
        });
        assertThat(probe().get("violations")).asList().isEmpty();
    }

    @Test
    void thePanelMakesNoRequestOutsideTheBridge() throws Exception {
        record(HOSTILE_NAME, false, "boom", "agent-a");
        openPanel("{}");
        await().atMost(READY).until(() -> appCalls("get_live_view") >= 3);
        inPanel(() -> {
            browser.findElement(By.id("btn-simulate")).click();
            return null;
        });
        await().atMost(READY).until(() -> appCalls("simulate_agent_task") == 1);

        ((JavascriptExecutor) browser).executeScript("window.askFrameResources()");
        await().atMost(READY).until(() -> probe().get("frameResources") != null);

        Map<String, Object> probe = probe();
        assertThat(probe.get("violations")).asList().isEmpty();
        assertThat(probe.get("frameResources")).asList().isEmpty();
        assertThat(probe.get("refusedToolCalls")).asList().isEmpty();
        assertThat(host.unexpectedPaths()).isEmpty();
    }

    @Test
    void refreshesAtMostOnceASecond() {
        openPanel("{}");
        await().atMost(READY).until(() -> appCalls("get_live_view") >= 8);

        // The host sees each call some time after the panel made it, and on a busy machine not always equally
        // late (a single gap has looked 400 ms short): only the two ends of a run carry that error, so six gaps
        // must span six seconds less at most half a second. A panel refreshing twice as often fails by seconds.
        List<Double> starts = callTimes("get_live_view").subList(1, 8);
        assertThat(starts.get(starts.size() - 1) - starts.get(0)).isGreaterThanOrEqualTo(6 * 1000.0 - 500);
    }

    @Test
    void stopsRefreshingWhileScrolledOutOfViewAndResumesWhenBack() {
        openPanel("{}");
        await().atMost(READY).until(() -> appCalls("get_live_view") >= 1);
        var page = (JavascriptExecutor) browser;
        page.executeScript("document.getElementById('spacer').hidden = false; "
                + "document.body.prepend(document.getElementById('spacer')); window.scrollTo(0, 0);");
        // The refresh that may have started as the frame left the view is allowed to finish.
        int[] seen = {appCalls("get_live_view")};
        await().atMost(READY).until(() -> {
            int now = appCalls("get_live_view");
            boolean settled = now == seen[0];
            seen[0] = now;
            return settled;
        });

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> appCalls("get_live_view") == seen[0]);

        page.executeScript("document.getElementById('app').scrollIntoView()");
        await().atMost(READY).until(() -> appCalls("get_live_view") > seen[0]);
    }

    @Test
    void simulateAndResetGoThroughTheBridgeAndResetAsksFirst() throws Exception {
        openPanel("{}");
        inPanel(() -> {
            browser.findElement(By.id("btn-simulate-fail")).click();
            return null;
        });
        await().atMost(READY).until(() -> get("/api/metrics").path("failed_requests").asInt() == 1);

        inPanel(() -> {
            browser.findElement(By.id("btn-reset")).click();
            assertThat(browser.findElement(By.id("confirm-reset")).isDisplayed()).isTrue();
            browser.findElement(By.id("btn-reset-cancel")).click();
            return null;
        });
        assertThat(get("/api/metrics").path("total_requests").asInt()).isEqualTo(1);
        assertThat(appCalls("reset_performance_metrics")).isZero();

        inPanel(() -> {
            browser.findElement(By.id("btn-reset")).click();
            browser.findElement(By.id("btn-reset-confirm")).click();
            return null;
        });
        await().atMost(READY).until(() -> get("/api/metrics").path("total_requests").asInt() == 0);
        assertThat(appCalls("reset_performance_metrics")).isEqualTo(1);
    }

    @Test
    void followsTheHostThemeBothWays() {
        openPanel("{}");
        String light = inPanel(this::pageBackground);

        ((JavascriptExecutor) browser).executeScript("window.setHostTheme('dark')");
        await().atMost(READY).until(() -> !inPanel(this::pageBackground).equals(light));
        assertThat(inPanel(this::pageBackground)).isEqualTo("rgb(13, 17, 23)");

        ((JavascriptExecutor) browser).executeScript("window.setHostTheme('light')");
        await().atMost(READY).until(() -> inPanel(this::pageBackground).equals(light));
    }

    @Test
    void hostsKeepTheAppOnlyToolFromTheModelAndSeeTheExtension() {
        openPanel("{}");

        Map<String, Object> probe = probe();
        assertThat(probe.get("modelTools")).asList().contains("show_dashboard", "get_dashboard_data")
                .doesNotContain("get_live_view");
        assertThat(probe.get("appOnlyTools")).asList().containsExactly("get_live_view");
        assertThat(probe.get("resourceMimeType")).isEqualTo("text/html;profile=mcp-app");
        @SuppressWarnings("unchecked")
        var extensions = (Map<String, Object>) probe.get("serverExtensions");
        assertThat(extensions).containsKey("io.modelcontextprotocol/ui");
        assertThat((String) probe.get("summary")).startsWith("AgentMeter has recorded no tasks");
    }

    @Test
    void anAgentFilterFromTheToolCallNarrowsTheTaskTable() throws Exception {
        record("mine", true, null, "agent-a");
        record("theirs", true, null, "agent-b");
        openPanel("{\"agent\":\"agent-a\"}");

        // Until the host hands over the tool's arguments the panel shows every agent.
        await().atMost(READY).until(() -> inPanel(() -> tableText("task-stats").contains("mine")
                && !tableText("task-stats").contains("theirs")));
        inPanel(() -> {
            assertThat(browser.findElement(By.id("filter-note")).getText()).isEqualTo("agent: agent-a");
            return null;
        });
        assertThat((String) probe().get("summary")).startsWith("Agent \"agent-a\": 1 task");
    }

    @Test
    void theHostSizesTheFrameToTheHeightThePanelReports() throws Exception {
        openPanel("{}");
        // A few rounds of work, each shown before the next, so the lines have more than one second to draw.
        List<String> names = List.of("plan", "search_docs", "write_patch", "run_tests");
        int recorded = 0;
        for (int round = 0; round < 6; round++) {
            for (int i = 0; i < 2 + round % 3; i++, recorded++) {
                boolean failed = recorded % 5 == 3;
                record(names.get(recorded % 4), 60 + recorded * 97 % 700, !failed,
                        failed ? "tests failed: 2 of 48" : null, "coder", modelCall(recorded));
            }
            String expected = String.valueOf(recorded);
            await().atMost(READY).until(() -> inPanel(() -> rawCard("total_requests")).equals(expected));
        }

        await().atMost(READY).until(() -> lastReportedHeight() > 0 && frameHeight() == lastReportedHeight());

        // The picture in README: the host page cut to what it shows.
        long pageHeight = ((Number) ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollHeight")).longValue();
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1000, (int) pageHeight + 100));
        Files.write(Path.of("target", "mcp-app-panel.png"),
                browser.findElement(By.tagName("body")).getScreenshotAs(OutputType.BYTES));
        ((JavascriptExecutor) browser).executeScript("window.setHostTheme('dark')");
        await().atMost(READY).until(() -> inPanel(this::pageBackground).equals("rgb(13, 17, 23)"));
        Files.write(Path.of("target", "mcp-app-panel-dark.png"),
                browser.findElement(By.tagName("body")).getScreenshotAs(OutputType.BYTES));
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1000, 1500));
    }

    @Test
    void theFrameShrinksWhenThePanelDoes() throws Exception {
        for (int i = 0; i < 12; i++) {
            record("task-" + i, false, "failed " + i, null);
        }
        openPanel("{}");
        await().atMost(READY).until(() -> inPanel(() -> tableText("task-stats").contains("task-11")));
        await().atMost(READY).until(() -> lastReportedHeight() == frameHeight());
        long tall = lastReportedHeight();

        running.metrics().reset();

        await().atMost(READY).until(() -> lastReportedHeight() < tall && frameHeight() == lastReportedHeight());
    }

    private long lastReportedHeight() {
        @SuppressWarnings("unchecked")
        var sizes = (List<Map<String, Object>>) probe().get("sizes");
        return sizes.isEmpty() ? -1 : ((Number) sizes.get(sizes.size() - 1).get("height")).longValue();
    }

    private long frameHeight() {
        return Math.round(((Number) ((JavascriptExecutor) browser)
                .executeScript("return document.getElementById('app').clientHeight")).doubleValue());
    }

    private void openPanel(String argumentsJson) {
        browser.switchTo().defaultContent();
        browser.get(host.url("/?args=" + URLEncoder.encode(argumentsJson, StandardCharsets.UTF_8)));
        await().atMost(READY).until(() -> {
            Map<String, Object> probe = probe();
            assertThat(probe.get("error")).as("host page error").isNull();
            return Boolean.TRUE.equals(probe.get("ready"));
        });
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> probe() {
        browser.switchTo().defaultContent();
        Object probe = ((JavascriptExecutor) browser).executeScript("return window.hostProbe || {}");
        return (Map<String, Object>) probe;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> appToolCalls() {
        return (List<Map<String, Object>>) probe().get("appToolCalls");
    }

    private int appCalls(String tool) {
        return (int) appToolCalls().stream().filter(call -> tool.equals(call.get("name"))).count();
    }

    private List<Double> callTimes(String tool) {
        var times = new ArrayList<Double>();
        for (Map<String, Object> call : appToolCalls()) {
            if (tool.equals(call.get("name"))) {
                times.add(((Number) call.get("atMs")).doubleValue());
            }
        }
        return times;
    }

    /** Runs {@code read} inside the panel's frame and comes back out. */
    private <T> T inPanel(Supplier<T> read) {
        browser.switchTo().defaultContent();
        browser.switchTo().frame("app");
        try {
            return read.get();
        } finally {
            browser.switchTo().defaultContent();
        }
    }

    private String rawCard(String field) {
        return browser.findElement(By.cssSelector("[data-metric='" + field + "'] .value")).getAttribute("data-raw");
    }

    private String tableText(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private String pageBackground() {
        return (String) ((JavascriptExecutor) browser)
                .executeScript("return getComputedStyle(document.body).backgroundColor");
    }

    private void record(String name, boolean success, String error, String agent) throws Exception {
        record(name, 40 + name.length() * 7, success, error, agent, Map.of());
    }

    /** Every other task is a model call with tokens and a cost, as an agent reports one. */
    private static Map<String, Object> modelCall(int index) {
        return index % 2 == 0 ? Map.of() : Map.of("model", index % 4 == 1 ? "claude-sonnet-4-5" : "gpt-5-mini",
                "input_tokens", 1_800 + index * 250, "output_tokens", 240 + index * 30, "cost_usd", 0.004 + index * 0.0011);
    }

    private void record(String name, int durationMs, boolean success, String error, String agent,
                        Map<String, Object> modelCall) throws Exception {
        var task = new LinkedHashMap<String, Object>(modelCall);
        task.put("name", name);
        task.put("duration_ms", durationMs);
        task.put("success", success);
        if (error != null) {
            task.put("error", error);
        }
        if (agent != null) {
            task.put("agent", agent);
        }
        var response = http.send(HttpRequest.newBuilder(api("/api/tasks"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(task))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    }

    private JsonNode get(String path) throws Exception {
        var response = http.send(HttpRequest.newBuilder(api(path)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("data");
    }

    private URI api(String path) {
        return URI.create("http://127.0.0.1:" + running.httpPort() + path);
    }
}
