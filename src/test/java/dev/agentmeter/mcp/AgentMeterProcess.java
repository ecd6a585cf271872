package dev.agentmeter.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * {@code agentmeter} in a child JVM, driven as an MCP client drives it: lines to its stdin, lines from its stdout.
 * Every wait is bounded; {@link #close} ends the process if it is still running.
 */
final class AgentMeterProcess implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);
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

    private AgentMeterProcess(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.stdoutReader = pump("stdout", process.getInputStream(), line -> {
            stdoutLines.add(line);
            unread.add(line);
        });
        this.stderrReader = pump("stderr", process.getErrorStream(), line -> stderr.append(line).append('\n'));
    }

    static AgentMeterProcess start(String... options) throws IOException {
        return start(List.of(), options);
    }

    /** With JVM options ({@code -Xmx64m}, say) before the class path. */
    static AgentMeterProcess start(List<String> jvmOptions, String... options) throws IOException {
        var command = new ArrayList<String>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.addAll(commandArguments(options));
        return new AgentMeterProcess(new ProcessBuilder(command).start());
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The JVM options, class path, main class and {@code options} that start AgentMeter from this build; memory
     * only unless {@code options} name a {@code --data} folder, so that no test leaves a database behind.
     */
    static List<String> commandArguments(String... options) {
        var arguments = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "dev.agentmeter.AgentMeter"));
        if (!List.of(options).contains("--data")) {
            arguments.addAll(List.of("--data", "none"));
        }
        arguments.addAll(List.of(options));
        return arguments;
    }

    void send(String line) {
        sendBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    void sendBytes(byte[] bytes) {
        try {
            stdin.write(bytes);
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next stdout line, waiting at most {@link #WAIT}. */
    String nextLine() throws InterruptedException {
        String line = unread.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(line).as("a stdout line within %s; stderr so far:%n%s", WAIT, stderr).isNotNull();
        return line;
    }

    JsonNode nextMessage() throws Exception {
        return JSON.readTree(nextLine());
    }

    /** Sends the MCP handshake and returns the initialize result. */
    JsonNode initialize(String protocolVersion) throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
                + protocolVersion + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}");
        JsonNode answer = nextMessage();
        send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return answer.path("result");
    }

    void closeStdin() throws IOException {
        stdin.close();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Sends {@code bytes}, or nothing when stdin is already closed by a process that is ending (its exit code,
     * which {@link #awaitExit} returns, then tells what happened).
     */
    void sendBytesUnlessEnding(byte[] bytes) {
        try {
            stdin.write(bytes);
            stdin.flush();
        } catch (IOException e) {
            // The process closed its end: it is exiting.
        }
    }

    void closeStdinUnlessEnding() {
        try {
            stdin.close();
        } catch (IOException e) {
            // The process closed its end: it is exiting.
        }
    }

    /** Waits for the process to end and for its output to be read; the exit code. */
    int awaitExit() throws InterruptedException {
        assertThat(process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .as("the process ends within %s; stderr:%n%s", WAIT, stderr).isTrue();
        stdoutReader.join(WAIT.toMillis());
        stderrReader.join(WAIT.toMillis());
        return process.exitValue();
    }

    /** The HTTP port from the dashboard line on stderr, waiting at most {@link #WAIT} for it. */
    int httpPort() {
        Pattern dashboard = Pattern.compile("AgentMeter dashboard: http://127\\.0\\.0\\.1:(\\d+)/");
        await().atMost(WAIT).until(() -> dashboard.matcher(stderr).find() || !process.isAlive());
        Matcher line = dashboard.matcher(stderr);
        assertThat(line.find()).as("a dashboard line; stderr:%n%s", stderr).isTrue();
        return Integer.parseInt(line.group(1));
    }

    List<String> stdoutLines() {
        return List.copyOf(stdoutLines);
    }

    String stderr() {
        return stderr.toString();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
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
