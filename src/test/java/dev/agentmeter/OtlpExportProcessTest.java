package dev.agentmeter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.agentmeter.testing.OtlpReceiver;
import picocli.CommandLine;

/**
 * OTLP export from the command line: the standard variables turn it on, a bad value stops the start with one
 * line, and without an endpoint not one class of the OpenTelemetry SDK is loaded (start-up pays nothing for it).
 */
@Timeout(120)
class OtlpExportProcessTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern DASHBOARD = Pattern.compile("AgentMeter dashboard: http://127\\.0\\.0\\.1:(\\d+)/");
    private static final List<String> SDK_PACKAGES = List.of("io.opentelemetry.sdk.", "io.opentelemetry.exporter.",
            "io.opentelemetry.api.");

    @TempDir
    Path folder;

    @Test
    void withoutAnEndpointNothingOfTheOpenTelemetrySdkIsLoaded() throws Exception {
        Path classLog = folder.resolve("classes.log");
        try (var child = Child.start(classLog, Map.of())) {
            child.awaitPort();
        }

        assertThat(loaded(classLog, "dev.agentmeter.AgentMeter")).isNotEmpty();
        assertThat(SDK_PACKAGES).allSatisfy(prefix -> assertThat(loaded(classLog, prefix)).isEmpty());
    }

    @Test
    void theStandardVariablesTurnExportOnWithTheirHeaders() throws Exception {
        Path classLog = folder.resolve("classes.log");
        try (var receiver = OtlpReceiver.answering();
             var child = Child.start(classLog, Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.url().toString(),
                     "OTEL_EXPORTER_OTLP_HEADERS", "Authorization=Bearer%20k3y"))) {
            int port = child.awaitPort();
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/api/tasks")).timeout(WAIT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"via-env\",\"duration_ms\":3,"
                            + "\"success\":true}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);

            await().atMost(WAIT).until(() -> receiver.acceptedSpans().size() == 1);

            assertThat(receiver.acceptedSpans().get(0).name()).isEqualTo("via-env");
            assertThat(receiver.requests().get(0).authorization()).isEqualTo("Bearer k3y");
        }
        assertThat(loaded(classLog, "io.opentelemetry.sdk.")).isNotEmpty();
    }

    @Test
    void aBadHeaderVariableStopsTheStartWithOneLine() throws Exception {
        try (var child = Child.start(folder.resolve("classes.log"), Map.of("OTEL_EXPORTER_OTLP_ENDPOINT",
                "http://127.0.0.1:4318", "OTEL_EXPORTER_OTLP_HEADERS", "api-key"))) {
            assertThat(child.awaitExit()).isEqualTo(2);
            await().atMost(WAIT).untilAsserted(() -> assertThat(child.stderr())
                    .contains("agentmeter: OTEL_EXPORTER_OTLP_HEADERS: each header must be name=value"));
        }
    }

    @Test
    void anEndpointThatIsNotHttpIsRefused() {
        var err = new StringWriter();
        var commandLine = new CommandLine(new AgentMeter());
        commandLine.setErr(new PrintWriter(err, true));

        int exitCode = commandLine.execute("--port", "0", "--data", "none", "--otlp-endpoint", "ftp://collector");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--otlp-endpoint must be an http:// or https:// URL such as "
                + "http://collector:4318, was 'ftp://collector'");
    }

    private static List<String> loaded(Path classLog, String prefix) {
        try {
            return Files.readAllLines(classLog, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.contains("[class,load] " + prefix)).toList();
        } catch (IOException e) {
            throw new AssertionError("cannot read " + classLog, e);
        }
    }

    /** {@code agentmeter --port 0 --data none} in a child JVM that logs every class it loads to a file. */
    private static final class Child implements AutoCloseable {
        private final Process process;
        // Appended by the reader thread, read by the test thread.
        private final StringBuffer stderr = new StringBuffer();

        private Child(Process process) {
            this.process = process;
            var reader = new Thread(() -> {
                try (var lines = process.errorReader(StandardCharsets.UTF_8)) {
                    lines.lines().forEach(line -> stderr.append(line).append('\n'));
                } catch (IOException | java.io.UncheckedIOException e) {
                    // the process ended
                }
            }, "otlp-child-stderr");
            reader.setDaemon(true);
            reader.start();
        }

        static Child start(Path classLog, Map<String, String> environment) throws IOException {
            var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-Xlog:class+load=info:file=" + classLog, "-cp",
                    System.getProperty("java.class.path"), "dev.agentmeter.AgentMeter", "--port", "0",
                    "--data", "none"));
            var builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().keySet().removeIf(name -> name.startsWith("AGENTMETER_")
                    || name.startsWith("OTEL_"));
            builder.environment().putAll(environment);
            return new Child(builder.start());
        }

        int awaitPort() {
            await().atMost(WAIT).until(() -> DASHBOARD.matcher(stderr).find() || !process.isAlive());
            Matcher matcher = DASHBOARD.matcher(stderr);
            assertThat(matcher.find()).as("the dashboard line; stderr:%n%s", stderr).isTrue();
            return Integer.parseInt(matcher.group(1));
        }

        int awaitExit() throws InterruptedException {
            assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("exited").isTrue();
            return process.exitValue();
        }

        String stderr() {
            return stderr.toString();
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
        }
    }
}
