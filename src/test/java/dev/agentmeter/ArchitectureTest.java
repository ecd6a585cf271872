package dev.agentmeter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.agentmeter.testing.SourceImports;

/** The house's rules as a test: arrows point inward, and the core knows nothing of the transports. */
class ArchitectureTest {

    @Test
    void metricsCoreImportsOnlyTheJdkAndHdrHistogram() throws IOException {
        assertThat(importsOf("metrics"))
                .allMatch(name -> name.startsWith("java.") || name.startsWith("org.HdrHistogram.")
                        || name.startsWith("dev.agentmeter.metrics."));
    }

    @Test
    void pricingImportsOnlyTheJdk() throws IOException {
        assertThat(importsOf("pricing"))
                .allMatch(name -> name.startsWith("java.") || name.startsWith("dev.agentmeter.pricing."));
    }

    @Test
    void retryImportsOnlyTheJdk() throws IOException {
        assertThat(importsOf("retry")).as("the retry package exists and imports something").isNotEmpty()
                .allMatch(name -> name.startsWith("java.") || name.startsWith("dev.agentmeter.retry."));
    }

    @Test
    void loggingImportsOnlyTheJdkAndSlf4jAndNothingOfOursImportsIt() throws IOException {
        assertThat(importsOf("logging")).as("the logging package exists and imports something").isNotEmpty()
                .allMatch(name -> name.startsWith("java.") || name.startsWith("org.slf4j.")
                        || name.startsWith("dev.agentmeter.logging."));
        for (String part : List.of("metrics", "operations", "web", "mcp", "storage", "export", "alerts", "proxy",
                "otlp")) {
            assertThat(importsOf(part)).as(part).noneMatch(name -> name.startsWith("dev.agentmeter.logging"));
        }
    }

    @Test
    void operationsKnowNoTransport() throws IOException {
        assertThat(importsOf("operations")).noneMatch(name -> name.startsWith("dev.agentmeter.web")
                || name.startsWith("dev.agentmeter.mcp") || name.startsWith("io.modelcontextprotocol")
                || name.startsWith("jakarta.servlet") || name.startsWith("org.eclipse.jetty"));
    }

    @Test
    void theTransportsReadOnlyTheCoresEventTypeAndReachTheRestThroughOperations() throws IOException {
        for (String transport : List.of("web", "mcp")) {
            assertThat(importsOf(transport)).as(transport)
                    .filteredOn(name -> name.startsWith("dev.agentmeter.metrics"))
                    .containsOnly("dev.agentmeter.metrics.MetricsEvent");
        }
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
    void otlpIsAnAdapterOverOperationsOnly() throws IOException {
        List<String> otlp = importsOf("otlp");
        assertThat(otlp).as("the otlp package exists and imports operations").isNotEmpty()
                .contains("dev.agentmeter.operations.PerformanceOperations");
        assertThat(otlp).noneMatch(name -> name.startsWith("dev.agentmeter.web")
                || name.startsWith("dev.agentmeter.mcp") || name.startsWith("dev.agentmeter.storage")
                || name.startsWith("dev.agentmeter.export") || name.startsWith("dev.agentmeter.alerts")
                || name.startsWith("dev.agentmeter.proxy") || name.startsWith("dev.agentmeter.metrics")
                || name.equals("dev.agentmeter.AgentMeter"));
        for (String other : List.of("metrics", "operations", "web", "mcp", "storage", "export", "alerts", "proxy")) {
            assertThat(importsOf(other)).as(other).noneMatch(name -> name.startsWith("dev.agentmeter.otlp"));
        }
    }

    @Test
    void onlyTheOtlpAdapterImportsProtobufAndTheOtlpBindings() throws IOException {
        for (String part : List.of("metrics", "operations", "web", "mcp", "storage", "export", "alerts", "proxy")) {
            assertThat(importsOf(part)).as(part).noneMatch(name -> name.startsWith("com.google.protobuf")
                    || name.startsWith("io.opentelemetry.proto"));
        }
    }

    @Test
    void onlyTheExportAdapterImportsPrometheus() throws IOException {
        for (String part : List.of("metrics", "operations", "web", "mcp", "alerts", "otlp")) {
            assertThat(importsOf(part)).as(part).noneMatch(name -> name.startsWith("io.prometheus"));
        }
    }

    @Test
    void theOpenTelemetrySdkStaysInTheExportAdapter() throws IOException {
        assertThat(importsOf("export")).anyMatch(ArchitectureTest::isOpenTelemetrySdk);
        for (String part : List.of("metrics", "operations", "web", "mcp", "alerts", "storage", "proxy", "otlp")) {
            assertThat(importsOf(part)).as(part).noneMatch(ArchitectureTest::isOpenTelemetrySdk);
        }
        // The command line names only the adapter's plain types, so the SDK loads only when spans are exported.
        assertThat(SourceImports.ofOwnFiles("")).isNotEmpty().noneMatch(ArchitectureTest::isOpenTelemetrySdk);
    }

    private static boolean isOpenTelemetrySdk(String name) {
        return name.startsWith("io.opentelemetry.sdk") || name.startsWith("io.opentelemetry.exporter")
                || name.startsWith("io.opentelemetry.api");
    }

    private static List<String> importsOf(String packageName) {
        return SourceImports.of(packageName);
    }
}
