package dev.agentmeter.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.TextContent;

import dev.agentmeter.testing.ChildCommand;

/**
 * AgentMeter's dashboard panel (MCP Apps) through {@code agentmeter proxy} in front of another AgentMeter: the
 * extension, the {@code ui://} page and every {@code _meta} arrive exactly as they do straight from the server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProxyMcpAppTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PANEL = "ui://agentmeter/dashboard";

    private McpSyncClient direct;
    private McpSyncClient proxied;

    @BeforeAll
    void connect() {
        List<String> agentMeter = List.of("-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "dev.agentmeter.AgentMeter", "--stdio", "--no-http", "--data", "none");
        var downstream = new ArrayList<String>();
        downstream.add(ChildCommand.java());
        downstream.addAll(agentMeter);
        direct = client(new StdioClientTransport(ServerParameters.builder(ChildCommand.java()).args(agentMeter).build(),
                McpJsonDefaults.getMapper()));
        proxied = client(new StdioClientTransport(ServerParameters.builder(ChildCommand.java())
                .args(ChildCommand.proxy(downstream)).build(), McpJsonDefaults.getMapper()));
    }

    @AfterAll
    void disconnect() {
        if (direct != null) {
            direct.closeGracefully();
        }
        if (proxied != null) {
            proxied.closeGracefully();
        }
    }

    @Test
    void theUiExtensionIsDeclaredThroughTheProxy() {
        assertThat(proxied.getServerCapabilities().extensions())
                .containsKey("io.modelcontextprotocol/ui")
                .isEqualTo(direct.getServerCapabilities().extensions());
    }

    @Test
    void thePanelsPageReadsTheSameThroughTheProxy() {
        var viaProxy = proxied.readResource(new ReadResourceRequest(PANEL));

        assertThat(viaProxy).isEqualTo(direct.readResource(new ReadResourceRequest(PANEL)));
        assertThat(viaProxy.contents()).singleElement().satisfies(page -> {
            assertThat(page.mimeType()).isEqualTo("text/html;profile=mcp-app");
            assertThat(page.meta()).containsKey("ui");
        });
    }

    @Test
    void theToolsAndResourcesListWithTheirMetaThroughTheProxy() {
        var tools = proxied.listTools();

        assertThat(tools).isEqualTo(direct.listTools());
        assertThat(tools.tools()).filteredOn(tool -> tool.name().equals("get_live_view")).singleElement()
                .satisfies(tool -> assertThat(tool.meta()).isEqualTo(
                        Map.of("ui", Map.of("resourceUri", PANEL, "visibility", List.of("app")))));
        assertThat(proxied.listResources()).isEqualTo(direct.listResources());
    }

    @Test
    void showDashboardAnswersItsSummaryThroughTheProxy() {
        var result = proxied.callTool(CallToolRequest.builder("show_dashboard").arguments(Map.of()).build());

        assertThat(((TextContent) result.content().get(0)).text()).startsWith("AgentMeter has recorded no tasks");
    }

    private static McpSyncClient client(StdioClientTransport transport) {
        McpSyncClient client = McpClient.sync(transport).requestTimeout(WAIT).initializationTimeout(WAIT).build();
        client.initialize();
        return client;
    }
}
