package dev.agentmeter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The house's rules as a test: arrows point inward, and the core knows nothing of the transports. */
class ArchitectureTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/agentmeter");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    @Test
    void metricsCoreImportsOnlyTheJdkAndHdrHistogram() throws IOException {
        assertThat(importsOf("metrics"))
                .allMatch(name -> name.startsWith("java.") || name.startsWith("org.HdrHistogram.")
                        || name.startsWith("dev.agentmeter.metrics."));
    }

    @Test
    void operationsKnowNoTransport() throws IOException {
        assertThat(importsOf("operations")).noneMatch(name -> name.startsWith("dev.agentmeter.web")
                || name.startsWith("dev.agentmeter.mcp") || name.startsWith("io.modelcontextprotocol")
                || name.startsWith("jakarta.servlet") || name.startsWith("org.eclipse.jetty"));
    }

    @Test
    void mcpAndWebDoNotDependOnEachOther() throws IOException {
        assertThat(importsOf("mcp")).noneMatch(name -> name.startsWith("dev.agentmeter.web"));
        assertThat(importsOf("web")).noneMatch(name -> name.startsWith("dev.agentmeter.mcp"));
    }

    @Test
    void onlyTheCommandLineReachesEveryPart() throws IOException {
        assertThat(importsOf("metrics")).noneMatch(name -> name.startsWith("dev.agentmeter.operations"));
        assertThat(importsOf("operations")).noneMatch(name -> name.equals("dev.agentmeter.AgentMeter"));
    }

    @Test
    void storageDependsInwardOnly() throws IOException {
        assertThat(importsOf("storage")).noneMatch(name -> name.startsWith("dev.agentmeter.web")
                || name.startsWith("dev.agentmeter.mcp") || name.equals("dev.agentmeter.AgentMeter"));
        for (String inner : List.of("metrics", "operations", "web", "mcp")) {
            assertThat(importsOf(inner)).as(inner).noneMatch(name -> name.startsWith("dev.agentmeter.storage"));
        }
    }

    @Test
    void onlyStorageTalksToDatabases() throws IOException {
        assertThat(importsOf("storage/postgres")).as("the PostgreSQL store, which this rule is about")
                .anyMatch(name -> name.startsWith("org.postgresql."))
                .anyMatch(name -> name.startsWith("com.zaxxer.hikari."));
        for (String part : List.of("metrics", "operations", "web", "mcp", "export", "alerts", "proxy")) {
            assertThat(importsOf(part)).as(part).noneMatch(name -> name.startsWith("org.postgresql")
                    || name.startsWith("com.zaxxer.hikari") || name.startsWith("org.sqlite")
                    || name.startsWith("java.sql"));
        }
        assertThat(importsOf("export")).noneMatch(name -> name.startsWith("dev.agentmeter.storage"));
    }

    @Test
    void exportAndAlertsKnowNoTransportAndNotEachOther() throws IOException {
        for (String adapter : List.of("export", "alerts")) {
            assertThat(importsOf(adapter)).as(adapter).noneMatch(name -> name.startsWith("dev.agentmeter.web")
                    || name.startsWith("dev.agentmeter.mcp") || name.equals("dev.agentmeter.AgentMeter"));
        }
        assertThat(importsOf("export")).noneMatch(name -> name.startsWith("dev.agentmeter.alerts"));
        assertThat(importsOf("alerts")).noneMatch(name -> name.startsWith("dev.agentmeter.export"));
    }

    @Test
    void onlyTheExportAdapterImportsPrometheus() throws IOException {
        for (String part : List.of("metrics", "operations", "web", "mcp", "alerts")) {
            assertThat(importsOf(part)).as(part).noneMatch(name -> name.startsWith("io.prometheus"));
        }
    }

    private static List<String> importsOf(String packageName) throws IOException {
        Path folder = SOURCES.resolve(packageName);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .flatMap(ArchitectureTest::importsIn)
                    .toList();
        }
    }

    private static Stream<String> importsIn(Path file) {
        try {
            return IMPORT.matcher(Files.readString(file)).results().map(match -> match.group(2));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }
}
