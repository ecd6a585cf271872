package dev.agentmeter.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The house's arrows for the proxy: it reaches inward (metrics, operations) and knows no other adapter. */
class ProxyArchitectureTest {

    private static final Path PROXY = Path.of("src", "main", "java", "dev", "agentmeter", "proxy");

    @Test
    void proxyImportsNeitherTheWebNorMcpNorTheCommandLine() throws IOException {
        assertThat(imports()).isNotEmpty().noneMatch(line -> line.contains("dev.agentmeter.web.")
                || line.contains("dev.agentmeter.mcp.") || line.contains("io.modelcontextprotocol")
                || line.contains("dev.agentmeter.AgentMeter") || line.contains("dev.agentmeter.Settings"));
    }

    @Test
    void nothingInTheProxyWritesToSystemOut() throws IOException {
        try (Stream<Path> files = Files.walk(PROXY)) {
            assertThat(files.filter(file -> file.toString().endsWith(".java")).map(ProxyArchitectureTest::read))
                    .noneMatch(source -> source.contains("System.out"));
        }
    }

    private static List<String> imports() throws IOException {
        try (Stream<Path> files = Files.walk(PROXY)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .flatMap(file -> read(file).lines().filter(line -> line.startsWith("import ")))
                    .toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
