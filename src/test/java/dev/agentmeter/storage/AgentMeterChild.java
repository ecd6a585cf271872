package dev.agentmeter.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The real AgentMeter in a child JVM on a free loopback port, talked to over HTTP, and killed as a crash would
 * kill it. Every wait is bounded; {@link #close} kills the process if it still runs.
 */
public final class AgentMeterChild implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern DASHBOARD_LINE = Pattern.compile("AgentMeter dashboard: http://127\\.0\\.0\\.1:(\\d+)/");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(WAIT).build();
    // Appended by the stderr reader thread, read by the test thread for failure messages.
    private final StringBuffer stderr = new StringBuffer();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();

    private AgentMeterChild(Process process) {
        this.process = process;
        var reader = new Thread(this::readStderr, "agentmeter-child-stderr");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts AgentMeter on a free port with its data in {@code dataDir} and the given further options; returns
     * once it answers HTTP.
     */
    static AgentMeterChild start(Path dataDir, String... options) throws Exception {
        var arguments = new ArrayList<>(List.of("--data", dataDir.toString()));
        arguments.addAll(List.of(options));
        return start(arguments, Map.of());
    }

    /**
     * Starts AgentMeter on a free port with {@code arguments} and these {@code environment} variables added;
     * returns once it answers HTTP.
     */
    public static AgentMeterChild start(List<String> arguments, Map<String, String> environment) throws Exception {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "dev.agentmeter.AgentMeter",
                "--port", "0"));
        command.addAll(arguments);
        var builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        var process = builder.start();
        var child = new AgentMeterChild(process);
        try {
            child.port.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            child.close();
            throw new AssertionError("no dashboard line within " + WAIT + "; stderr:\n" + child.stderr, e);
        }
        return child;
    }

    /** Kills the process at once (SIGKILL: no shutdown hook, no flush), and waits until it is gone. */
    public void killNine() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("the process died").isTrue();
    }

    public HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(request(path).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET, whatever its status. */
    public HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The {@code data} of a successful GET. */
    public JsonNode getData(String path) throws Exception {
        var response = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("data");
    }

    /** The HTTP port it listens on. */
    public int port() {
        return port.join();
    }

    public String stderr() {
        return stderr.toString();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.join() + path)).timeout(WAIT);
    }

    private void readStderr() {
        try (var reader = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                stderr.append(line).append('\n');
                var match = DASHBOARD_LINE.matcher(line);
                if (match.find()) {
                    port.complete(Integer.parseInt(match.group(1)));
                }
            }
        } catch (IOException e) {
            // The process is gone; what was read stays available.
        }
        port.completeExceptionally(new IllegalStateException("the process ended before it listened"));
    }
}
