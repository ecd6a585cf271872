package dev.agentmeter.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.agentmeter.testing.SourceImports;

/** The house's arrows for the proxy: it reaches inward (metrics, operations) and knows no other adapter. */
class ProxyArchitectureTest {

    @Test
    void proxyImportsNeitherTheWebNorMcpNorTheCommandLine() throws IOException {
        assertThat(imports()).isNotEmpty().noneMatch(line -> line.contains("dev.agentmeter.web.")
                || line.contains("dev.agentmeter.mcp.") || line.contains("io.modelcontextprotocol")
                || line.contains("dev.agentmeter.AgentMeter") || line.contains("dev.agentmeter.Settings"));
    }

    @Test
    void nothingInTheProxyWritesToSystemOut() throws IOException {
        assertThat(SourceImports.sourcesOf("proxy")).noneMatch(source -> source.contains("System.out"));
    }

    private static List<String> imports() {
        return SourceImports.of("proxy");
    }
}
