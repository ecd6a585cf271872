package dev.agentmeter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The house's arrows for MCP: mcp reaches inward to operations only, and operations knows no MCP. */
class McpArchitectureTest {

    private static final Path MAIN = Path.of("src", "main", "java", "dev", "agentmeter");

    @Test
    void mcpImportsNeitherTheWebNorTheMetricsNorTheCommandLine() throws IOException {
        assertThat(imports("mcp")).noneMatch(line -> line.contains("dev.agentmeter.web.")
                || line.contains("dev.agentmeter.metrics.") || line.contains("dev.agentmeter.AgentMeter")
                || line.contains("dev.agentmeter.Settings"));
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

    private static List<String> imports(String packageName) throws IOException {
        try (Stream<Path> files = Files.list(MAIN.resolve(packageName))) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .flatMap(McpArchitectureTest::lines)
                    .filter(line -> line.startsWith("import "))
                    .toList();
        }
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
