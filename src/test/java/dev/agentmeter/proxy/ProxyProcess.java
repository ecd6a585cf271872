package dev.agentmeter.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code agentmeter proxy -- <downstream test server>} in a child JVM, driven line by line as a client would, so
 * that a test sees exit codes and the child process. Every wait is bounded; {@link #close} ends what still runs.
 */
final class ProxyProcess implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<String> stdoutLines = new LinkedBlockingQueue<>();
    // Appended by the stderr reader thread, read by the test thread.
    private final StringBuffer stderr = new StringBuffer();
    private int nextId = 100;

    private ProxyProcess(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
        pump(process.getInputStream(), stdoutLines::add);
        pump(process.getErrorStream(), line -> stderr.append(line).append('\n'));
    }

    static ProxyProcess start(String... options) throws IOException {
        var command = new ArrayList<String>();
        command.add(ProxyLaunch.java());
        command.addAll(ProxyLaunch.proxyArguments(options));
        return new ProxyProcess(new ProcessBuilder(command).start());
    }

    /** Sends initialize (as client {@code clientName}) and initialized; returns the initialize result. */
    JsonNode initialize(String clientName) throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"" + clientName + "\",\"version\":\"1\"}}}");
        JsonNode answer = nextMessage();
        send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return answer;
    }

    /** Calls a tool and returns its response, passing over messages about other requests. */
    JsonNode callTool(String tool, String argumentsJson) throws Exception {
        int id = nextId++;
        send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + argumentsJson + "}}");
        JsonNode answer = nextMessage();
        while (!(answer.path("id").isInt() && answer.path("id").asInt() == id)) {
            answer = nextMessage();
        }
        return answer;
    }

    /** Sends a tools/call without waiting for its answer. */
    void sendToolCall(String tool, String argumentsJson) {
        send("{\"jsonrpc\":\"2.0\",\"id\":" + nextId++ + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + argumentsJson + "}}");
    }

    void send(String line) {
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode nextMessage() throws Exception {
        String line = stdoutLines.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(line).as("a stdout line within %s; stderr so far:%n%s", WAIT, stderr).isNotNull();
        return JSON.readTree(line);
    }

    /** The downstream server: the proxy's one child process. */
    ProcessHandle downstream() {
        List<ProcessHandle> children = process.children().toList();
        assertThat(children).as("the proxy's children").hasSize(1);
        return children.get(0);
    }

    void closeStdin() throws IOException {
        stdin.close();
    }

    int awaitExit() throws InterruptedException {
        assertThat(process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .as("the proxy ends within %s; stderr:%n%s", WAIT, stderr).isTrue();
        return process.exitValue();
    }

    String stderr() {
        return stderr.toString();
    }

    /** The proxy's dashboard port, once it has printed it. */
    int dashboardPort() {
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> ProxyLaunch.dashboardPort(stderr()) > 0);
        return ProxyLaunch.dashboardPort(stderr());
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static void pump(InputStream stream, Consumer<String> sink) {
        var thread = new Thread(() -> {
            try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                // The process is gone; what was read stays available.
            }
        }, "proxy-process-pump");
        thread.setDaemon(true);
        thread.start();
    }
}
