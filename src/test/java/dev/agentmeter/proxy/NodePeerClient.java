package dev.agentmeter.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmeter.testing.AgentMeterChild;

/**
 * {@code node peer-client.mjs MODE AGENT CALLS -- SERVER...} of {@code src/test/mcp-v2-peers}: the official
 * TypeScript SDK v2 client, which starts {@code SERVER} over stdio, makes its calls, prints every answer as one JSON
 * line and keeps the session open until {@link #finish}. The server's stderr (the proxy's dashboard line) arrives
 * on the client's stderr. Every wait is bounded; {@link #close} ends what still runs.
 */
final class NodePeerClient implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final BlockingQueue<String> stdoutLines = new LinkedBlockingQueue<>();
    // Appended by the stderr reader thread, read by the test thread.
    private final StringBuffer stderr = new StringBuffer();

    private NodePeerClient(Process process) {
        this.process = process;
        pump(process.getInputStream(), stdoutLines::add);
        pump(process.getErrorStream(), line -> stderr.append(line).append('\n'));
    }

    /**
     * @param mode  {@code 2026-07-28} (pinned, no fallback) or {@code legacy} (the 2025-11-25 handshake)
     * @param agent the client's name
     * @param calls how many {@code echo} calls before the one {@code fail} call
     */
    static NodePeerClient start(Path node, Path peers, String mode, String agent, int calls, List<String> server)
            throws IOException {
        var command = new ArrayList<>(List.of(node.toString(), "peer-client.mjs", mode, agent,
                Integer.toString(calls), "--"));
        command.addAll(server);
        return new NodePeerClient(new ProcessBuilder(command).directory(peers.toFile()).start());
    }

    /** The JSON line of answers: {@code {tools, calls}}. */
    JsonNode answers() throws Exception {
        String line = stdoutLines.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(line).as("the client's answers within %s; stderr so far:%n%s", WAIT, stderr).isNotNull();
        return JSON.readTree(line);
    }

    /** The proxy's dashboard port, from the line it printed on stderr. */
    int dashboardPort() {
        Awaitility.await().atMost(WAIT).until(() -> AgentMeterChild.dashboardPort(stderr.toString()) > 0);
        return AgentMeterChild.dashboardPort(stderr.toString());
    }

    /** Lets the client close its session, and waits for it to exit; its exit code. */
    int finish() throws Exception {
        process.getOutputStream().write('\n');
        process.getOutputStream().close();
        assertThat(process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .as("the client ends within %s; stderr:%n%s", WAIT, stderr).isTrue();
        return process.exitValue();
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
        }, "node-peer-pump");
        thread.setDaemon(true);
        thread.start();
    }
}
