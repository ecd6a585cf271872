package dev.agentmeter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import io.modelcontextprotocol.spec.McpSchema.Tool;

/**
 * The dashboard panel (MCP Apps, {@code io.modelcontextprotocol/ui}) as every transport must offer it, run per
 * transport by a subclass with the SDK's own client: the extension in the capabilities, the {@code ui://}
 * resource with its MIME type and {@code _meta.ui}, the tools with theirs, and the text a client without MCP Apps
 * shows. The client checks every successful tool result against the tool's output schema.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class McpAppContract {

    private static final String URI = "ui://agentmeter/dashboard";
    private static final String MIME = "text/html;profile=mcp-app";

    private final McpServerUnderTest server;
    private McpSyncClient client;

    protected McpAppContract(McpServerUnderTest server) {
        this.server = server;
    }

    @BeforeAll
    void connect() throws Exception {
        server.start();
        client = McpClient.sync(server.newClientTransport())
                .requestTimeout(McpToolsContract.CLIENT_TIMEOUT)
                .initializationTimeout(McpToolsContract.CLIENT_TIMEOUT)
                .enableCallToolSchemaCaching(true)
                .build();
        client.initialize();
        client.listTools();
    }

    @AfterAll
    void disconnect() {
        if (client != null) {
            client.closeGracefully();
        }
        server.stop();
    }

    @BeforeEach
    void startFromZero() {
        call("reset_performance_metrics", Map.of());
    }

    @Test
    void declaresTheUiExtensionWithItsContentType() {
        assertThat(client.getServerCapabilities().extensions())
                .containsEntry("io.modelcontextprotocol/ui", Map.of("mimeTypes", List.of(MIME)));
    }

    @Test
    void listsThePanelWithItsContentTypeNoNetworkOriginsAndABorder() {
        Resource panel = client.listResources().resources().stream().filter(resource -> resource.uri().equals(URI))
                .findFirst().orElseThrow();

        assertThat(panel.mimeType()).isEqualTo(MIME);
        assertThat(panel.title()).isNotBlank();
        assertThat(panel.meta()).isEqualTo(expectedMeta());
    }

    @Test
    void readsThePanelAsOneSelfContainedPageWithItsMeta() {
        var contents = client.readResource(new ReadResourceRequest(URI)).contents();

        assertThat(contents).singleElement().isInstanceOfSatisfying(TextResourceContents.class, page -> {
            assertThat(page.uri()).isEqualTo(URI);
            assertThat(page.mimeType()).isEqualTo(MIME);
            assertThat(page.meta()).isEqualTo(expectedMeta());
            assertThat(page.text()).startsWith("<!DOCTYPE html>").contains("<script type=\"module\">", "<style>",
                    "data-metric=\"total_requests\"", "data-metric=\"uptime_seconds\"", "id=\"error-log\"",
                    "id=\"task-stats\"");
            assertThat(page.text()).doesNotContain("<script src", "<link", "<!-- include", "<!-- inline");
        });
    }

    @Test
    void showDashboardOpensThePanelInBothMetaForms() {
        Map<String, Object> meta = tool("show_dashboard").meta();

        assertThat(meta).containsEntry("ui", Map.of("resourceUri", URI, "visibility", List.of("model", "app")))
                .containsEntry("ui/resourceUri", URI);
    }

    @Test
    void getLiveViewIsForThePanelOnly() {
        assertThat(tool("get_live_view").meta())
                .isEqualTo(Map.of("ui", Map.of("resourceUri", URI, "visibility", List.of("app"))));
        assertThat(tool("get_live_view").annotations().readOnlyHint()).isTrue();
    }

    @Test
    void showDashboardAnswersASummaryAPersonCanRead() {
        simulate("search", false);
        simulate("search", false);
        simulate("fetch", true);

        CallToolResult result = call("show_dashboard", Map.of());

        assertThat(result.isError()).isFalse();
        assertThat(text(result)).startsWith("AgentMeter: 3 tasks since the last reset, 1 failed (33.3% error rate)")
                .contains("p95 ", "Most failures: task \"fetch\" (1 of 1 failed).");
        assertThat(data(result)).containsEntry("summary", text(result)).containsEntry("requests", 3)
                .containsEntry("failed_requests", 1).containsEntry("top_failing_task", "fetch");
    }

    @Test
    void showDashboardSaysWhatModelCallsCostWhenKnown() {
        call("record_agent_task", Map.of("name", "answer", "duration_ms", 900, "success", true,
                "model", "some-model", "input_tokens", 1200, "output_tokens", 300, "cost_usd", 0.0042));

        String summary = text(call("show_dashboard", Map.of()));

        assertThat(summary).contains("Model calls used 1,200 input and 300 output tokens, costing $0.0042.");
    }

    @Test
    void showDashboardSummarisesOneTaskOrOneAgent() {
        call("record_agent_task", Map.of("name", "plan", "duration_ms", 120, "success", true, "agent", "coder"));
        call("record_agent_task", Map.of("name", "plan", "duration_ms", 80, "success", false, "error", "no",
                "agent", "coder"));

        assertThat(text(call("show_dashboard", Map.of("task", "plan"))))
                .startsWith("Task \"plan\": 2 runs since the last reset, 1 failed (50% error rate).");
        assertThat(text(call("show_dashboard", Map.of("agent", "coder"))))
                .startsWith("Agent \"coder\": 2 tasks since the last reset, 1 failed (50% error rate).")
                .contains("Most failures: task \"plan\"");
        assertThat(text(call("show_dashboard", Map.of("agent", "nobody"))))
                .isEqualTo("Agent \"nobody\" has recorded no tasks since the last reset.");
    }

    @Test
    void showDashboardRefusesBadArgumentsWithTheErrorEnvelope() {
        assertRefused(call("show_dashboard", Map.of("task", 5)), "invalid_argument", "task must be a string");
        assertRefused(call("show_dashboard", Map.of("task", "a", "agent", "b")), "invalid_argument",
                "give task or agent, not both");
        assertRefused(call("show_dashboard", Map.of("window", "5m")), "invalid_argument", "unknown argument 'window'");
        assertRefused(call("show_dashboard", Map.of("task", "never-ran")), "not_found", "never-ran");
        assertRefused(call("get_live_view", Map.of("agent", "")), "invalid_argument", "agent must not be empty");
    }

    @Test
    void getLiveViewCarriesWhatThePanelDraws() {
        simulate("draw-me", true);
        simulate("other", false);

        Map<String, Object> view = data(call("get_live_view", Map.of()));
        Map<String, Object> oneTask = data(call("get_live_view", Map.of("task", "draw-me")));

        assertThat(view).containsOnlyKeys("dashboard", "tasks", "timeseries", "models");
        assertThat(map(map(view.get("dashboard")).get("metrics"))).containsEntry("total_requests", 2);
        assertThat(list(view.get("tasks"))).hasSize(2);
        assertThat(map(view.get("timeseries"))).containsKeys("timestamps", "successes", "failures", "p95_ms");
        assertThat(list(oneTask.get("tasks"))).singleElement().satisfies(row -> assertThat(map(row))
                .containsEntry("name", "draw-me"));
        assertThat(list(map(oneTask.get("dashboard")).get("recent_requests"))).singleElement()
                .satisfies(row -> assertThat(map(row)).containsEntry("endpoint", "draw-me"));
    }

    private static Map<String, Object> expectedMeta() {
        return Map.of("ui", Map.of("csp", Map.of("connectDomains", List.of(), "resourceDomains", List.of()),
                "prefersBorder", true), "mcpui.dev/ui-preferred-frame-size", List.of("100%", "760px"));
    }

    private void assertRefused(CallToolResult result, String code, String messagePart) {
        assertThat(result.isError()).isTrue();
        Map<String, Object> error = map(map(result.structuredContent()).get("error"));
        assertThat(error).containsEntry("code", code);
        assertThat((String) error.get("message")).contains(messagePart);
    }

    private void simulate(String name, boolean fail) {
        call("simulate_agent_task", Map.of("name", name, "duration", 0, "should_fail", fail));
    }

    private CallToolResult call(String tool, Map<String, Object> arguments) {
        return client.callTool(CallToolRequest.builder(tool).arguments(arguments).build());
    }

    private Tool tool(String name) {
        return client.listTools().tools().stream().filter(tool -> tool.name().equals(name)).findFirst().orElseThrow();
    }

    private static String text(CallToolResult result) {
        return ((TextContent) result.content().get(0)).text();
    }

    private static Map<String, Object> data(CallToolResult result) {
        return map(map(result.structuredContent()).get("data"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static List<?> list(Object value) {
        return (List<?>) value;
    }
}
