package dev.agentmeter.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * AgentMeter (or {@code agentmeter proxy}) in a child JVM of this build, as the end-to-end tests drive it: lines to
 * its stdin and from its stdout as an MCP client over stdio, its stderr collected for messages and the dashboard
 * line, its HTTP API through {@link #api()}, stopped with SIGTERM or killed as a crash would kill it. The one child
 * launcher of the tests. Every wait is bounded by {@link #WAIT}; {@link #close} kills the process and anything it
 * started, if still running.
 */
public final class AgentMeterChild implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern DASHBOARD_LINE = Pattern.compile("AgentMeter dashboard: https?://[^:/]+:(\\d+)/");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<String> unread = new LinkedBlockingQueue<>();
    // Every stdout line, appended by the stdout reader thread, read by the test thread.
    private final List<String> stdoutLines = new CopyOnWriteArrayList<>();
    // Appended by the stderr reader thread, read by the test thread.
    private final StringBuffer stderr = new StringBuffer();
    private final Thread stdoutReader;
    private final Thread stderrReader;
    private int nextId = 100;
    // Made by the first API call of the test thread.
    private ApiClient api;

    private AgentMeterChild(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.stdoutReader = pump("stdout", process.getInputStream(), line -> {
            stdoutLines.add(line);
            unread.add(line);
        });
        this.stderrReader = pump("stderr", process.getErrorStream(), line -> stderr.append(line).append('\n'));
    }

    /** AgentMeter with {@code options} (in memory unless they name {@code --data}). */
    public static AgentMeterChild start(String... options) throws IOException {
        return start(List.of(), options);
    }

    /** With JVM options ({@code -Xmx64m}, say) before the class path. */
    public static AgentMeterChild start(List<String> jvmOptions, String... options) throws IOException {
        var command = new ArrayList<String>();
        command.add(ChildCommand.java());
        command.addAll(ChildCommand.agentMeter(jvmOptions, options));
        return new AgentMeterChild(new ProcessBuilder(command).start());
    }

    /** AgentMeter with {@code options} and none of the {@code AGENTMETER_*} variables this JVM may have. */
    public static AgentMeterChild startWithoutVariables(String... options) throws IOException {
        var builder = new ProcessBuilder(ChildCommand.withJava(ChildCommand.agentMeter(options)));
        builder.environment().keySet().removeIf(name -> name.startsWith("AGENTMETER_"));
        return new AgentMeterChild(builder.start());
    }

    /** AgentMeter on a free port with its data in {@code dataDir}; returns once it listens. */
    public static AgentMeterChild startListening(Path dataDir, String... options) {
        var arguments = new ArrayList<>(List.of("--data", dataDir.toString()));
        arguments.addAll(List.of(options));
        return startListening(arguments, Map.of());
    }

    /** AgentMeter on a free port with {@code arguments} and these variables added; returns once it listens. */
    public static AgentMeterChild startListening(List<String> arguments, Map<String, String> environment) {
        var options = new ArrayList<>(List.of("--port", "0"));
        options.addAll(arguments);
        var builder = new ProcessBuilder(ChildCommand.withJava(ChildCommand.agentMeter(options.toArray(String[]::new))));
        builder.environment().putAll(environment);
        AgentMeterChild child;
        try {
            child = new AgentMeterChild(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            child.httpPort();
        } catch (AssertionError e) {
            child.close();
            throw e;
        }
        return child;
    }

    /** {@code agentmeter proxy --port 0 OPTIONS -- <the downstream test server>}. */
    public static AgentMeterChild startProxy(String... options) throws IOException {
        return new AgentMeterChild(new ProcessBuilder(ChildCommand.withJava(
                ChildCommand.proxyOfDownstreamTestServer(options))).start());
    }

    /** The port of the first dashboard line in {@code text}, or -1 when there is none. */
    public static int dashboardPort(String text) {
        Matcher matcher = DASHBOARD_LINE.matcher(text);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    public void send(String line) {
        sendBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    public void sendBytes(byte[] bytes) {
        try {
            stdin.write(bytes);
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends {@code bytes}, or nothing when stdin is already closed by a process that is ending (its exit code,
     * which {@link #awaitExit} returns, then tells what happened).
     */
    public void sendBytesUnlessEnding(byte[] bytes) {
        try {
            stdin.write(bytes);
            stdin.flush();
        } catch (IOException e) {
            // The process closed its end: it is exiting.
        }
    }

    /** The next stdout line, waiting at most {@link #WAIT}. */
    public String nextLine() throws InterruptedException {
        String line = unread.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(line).as("a stdout line within %s; stderr so far:%n%s", WAIT, stderr).isNotNull();
        return line;
    }

    public JsonNode nextMessage() throws Exception {
        return JSON.readTree(nextLine());
    }

    /** Sends the MCP handshake as client {@code test}; returns the initialize result. */
    public JsonNode initialize(String protocolVersion) throws Exception {
        return initialize(protocolVersion, "test").path("result");
    }

    /** Sends initialize (as client {@code clientName}) and initialized; returns the whole initialize answer. */
    public JsonNode initialize(String protocolVersion, String clientName) throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
                + protocolVersion + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"" + clientName
                + "\",\"version\":\"1\"}}}");
        JsonNode answer = nextMessage();
        send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return answer;
    }

    /** Calls a tool and returns its response, passing over messages about other requests. */
    public JsonNode callTool(String tool, String argumentsJson) throws Exception {
        int id = nextId++;
        send(toolCall(id, tool, argumentsJson));
        JsonNode answer = nextMessage();
        while (!(answer.path("id").isInt() && answer.path("id").asInt() == id)) {
            answer = nextMessage();
        }
        return answer;
    }

    /** Sends a tools/call without waiting for its answer. */
    public void sendToolCall(String tool, String argumentsJson) {
        send(toolCall(nextId++, tool, argumentsJson));
    }

    public void closeStdin() throws IOException {
        stdin.close();
    }

    public void closeStdinUnlessEnding() {
        try {
            stdin.close();
        } catch (IOException e) {
            // The process closed its end: it is exiting.
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The process's id, to read what {@code /proc} says of it. */
    public long pid() {
        return process.pid();
    }

    /** The process's one child (the proxy's downstream server). */
    public ProcessHandle downstream() {
        List<ProcessHandle> children = process.children().toList();
        assertThat(children).as("the child's children").hasSize(1);
        return children.get(0);
    }

    /** Sends SIGTERM (what {@link Process#destroy} does on Linux). */
    public void terminate() {
        process.destroy();
    }

    /** Kills the process at once (SIGKILL: no shutdown hook, no flush), and waits until it is gone. */
    public void killNine() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("the process died").isTrue();
    }

    /** Waits for the process to end and for its output to be read; the exit code. */
    public int awaitExit() throws InterruptedException {
        assertThat(process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .as("the process ends within %s; stderr:%n%s", WAIT, stderr).isTrue();
        stdoutReader.join(WAIT.toMillis());
        stderrReader.join(WAIT.toMillis());
        return process.exitValue();
    }

    /** The HTTP port from the dashboard line on stderr, waiting at most {@link #WAIT} for it. */
    public int httpPort() {
        await().atMost(WAIT).until(() -> dashboardPort(stderr.toString()) > 0 || !process.isAlive());
        int port = dashboardPort(stderr.toString());
        assertThat(port).as("a dashboard line; stderr:%n%s", stderr).isPositive();
        return port;
    }

    /** The JSON API on {@link #httpPort()}. */
    public ApiClient api() {
        if (api == null) {
            api = new ApiClient(httpPort(), WAIT);
        }
        return api;
    }

    public HttpResponse<String> post(String path, String json) throws Exception {
        return api().post(path, json);
    }

    /** A GET, whatever its status. */
    public HttpResponse<String> get(String path) throws Exception {
        return api().get(path);
    }

    /** The {@code data} of a successful GET. */
    public JsonNode getData(String path) throws Exception {
        return api().getData(path);
    }

    public List<String> stdoutLines() {
        return List.copyOf(stdoutLines);
    }

    public String stderr() {
        return stderr.toString();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static String toolCall(int id, String tool, String argumentsJson) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + argumentsJson + "}}";
    }

    private static Thread pump(String name, InputStream stream, Consumer<String> sink) {
        var thread = new Thread(() -> {
            try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                // The process is gone; what was read stays available.
            }
        }, "agentmeter-child-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
