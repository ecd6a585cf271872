package dev.agentmeter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.agentmeter.testing.SourceImports;

/** The house's arrows for MCP: mcp reaches inward to operations only, and operations knows no MCP. */
class McpArchitectureTest {

    @Test
    void mcpImportsNeitherTheWebNorTheMetricsNorTheCommandLine() throws IOException {
        assertThat(imports("mcp")).noneMatch(line -> line.contains("dev.agentmeter.web.")
                || line.contains("dev.agentmeter.metrics.") || line.contains("dev.agentmeter.AgentMeter")
                || line.contains("dev.agentmeter.Settings"));
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
