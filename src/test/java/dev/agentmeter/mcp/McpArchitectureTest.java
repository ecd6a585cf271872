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

    @Test
    void operationsKnowNoMcp() throws IOException {
        assertThat(imports("operations")).noneMatch(line -> line.contains("io.modelcontextprotocol")
                || line.contains("dev.agentmeter.mcp."));
    }

    private static List<String> imports(String packageName) throws IOException {
        try (Stream<Path> files = Files.walk(MAIN.resolve(packageName))) { // its rooms (mcp.http, mcp.stdio) too
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
