package dev.agentmeter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.agentmeter.testing.SourceImports;

/** The house's arrows for MCP: mcp reaches inward to operations only, and operations knows no MCP. */
class McpArchitectureTest {

    private static final String EVENT_TYPE = "dev.agentmeter.metrics.MetricsEvent";

    /**
     * The one exception to "operations only": the core's event type, which every consumer of changes (MCP
     * notifications, the event stream, exporters, alerts) subscribes to the same way. Nothing else of the core.
     */
    @Test
    void mcpImportsNeitherTheWebNorTheMetricsNorTheCommandLine() throws IOException {
        assertThat(imports("mcp")).noneMatch(line -> line.contains("dev.agentmeter.web.")
                || (line.contains("dev.agentmeter.metrics.") && !line.equals(EVENT_TYPE))
                || line.contains("dev.agentmeter.AgentMeter") || line.contains("dev.agentmeter.Settings"));
        assertThat(imports("mcp")).as("the event type the rule lets in is the one mcp reads")
                .contains(EVENT_TYPE);
    }

    /**
     * The 2026-07-28 front end is ours, over the same features as the SDK's servers: it knows neither the web, nor
     * the metrics, nor the SDK's server transports and sessions (the revision it serves has none).
     */
    @Test
    void statelessFrontEndUsesNoSdkTransportNorSessionNorTheWeb() throws IOException {
        List<String> imports = imports("mcp/stateless");
        assertThat(imports).as("the package exists and imports something").isNotEmpty();
        assertThat(imports).noneMatch(line -> line.contains("dev.agentmeter.web.")
                || line.contains("dev.agentmeter.metrics.") || line.contains("dev.agentmeter.AgentMeter")
                || line.contains("io.modelcontextprotocol.server.transport.")
                || line.contains("io.modelcontextprotocol.server.McpAsyncServer")
                || line.contains("Session"));
    }

    @Test
    void operationsKnowNoMcp() throws IOException {
        assertThat(imports("operations")).noneMatch(line -> line.contains("io.modelcontextprotocol")
                || line.contains("dev.agentmeter.mcp."));
    }

    private static List<String> imports(String packageName) {
        return SourceImports.of(packageName);
    }
}
