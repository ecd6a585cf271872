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
    private static final String EVENT_TYPE = "import dev.agentmeter.metrics.MetricsEvent;";

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
