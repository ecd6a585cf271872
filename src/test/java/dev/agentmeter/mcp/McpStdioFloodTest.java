package dev.agentmeter.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.agentmeter.mcp.stdio.FatalErrors;
import dev.agentmeter.mcp.stdio.StdioTransport;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.agentmeter.testing.AgentMeterChild;
import dev.agentmeter.testing.ChildCommand;

/**
 * A client that floods stdin with garbage and does not read stdout: the server stops reading stdin instead of
 * queueing answers without bound, so a small heap holds, and once the client reads again every line is answered.
 */
class McpStdioFloodTest {

    private static final int GARBAGE_LINES = 2_000_000;
    // What stdin may take while stdout is not read: the answers in flight, and a few pipe and reader buffers of
    // 8-byte lines (64 KiB each). A server that queues answers takes the whole flood (or dies trying).
    private static final int MAX_LINES_TAKEN_UNREAD = StdioTransport.MAX_IN_FLIGHT + 5 * 64 * 1024 / 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    // Set by the feeder thread if stdin refuses a line, read by the test.
    private final AtomicReference<IOException> feedFailure = new AtomicReference<>();

    @Test
    void aFloodWhileStdoutIsNotReadStopsTheReadingInsteadOfFillingTheHeap() throws Exception {
        var command = new ArrayList<String>(List.of(ChildCommand.java(), "-Xmx64m"));
        command.addAll(ChildCommand.agentMeter("--stdio", "--no-http"));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            var stdin = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
            var stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            stdin.write("{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                    + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"flood\",\"version\":\"1\"}}}\n");
            stdin.flush();
            assertThat(JSON.readTree(stdout.readLine()).path("id").asText()).isEqualTo("init");
            stdin.write("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n");

            var written = new AtomicLong();
            var lastProgressNanos = new AtomicLong(System.nanoTime());
            var done = new AtomicBoolean();
            var feeder = new Thread(() -> feed(stdin, written, lastProgressNanos, done), "flood-feeder");
            feeder.setDaemon(true);
            feeder.start();

            // Nobody reads stdout: the server must stop taking lines, not die and not queue a million answers.
            await().atMost(Duration.ofSeconds(60)).until(() -> !process.isAlive()
                    || System.nanoTime() - lastProgressNanos.get() > TimeUnit.SECONDS.toNanos(2));
            assertThat(process.isAlive()).as("the server survives the flood").isTrue();
            assertThat(done).as("stdin stopped being read before the flood was in").isFalse();
            assertThat(written.get()).as("lines taken while stdout was not read").isLessThan(MAX_LINES_TAKEN_UNREAD);

            var parseErrors = new AtomicLong();
            var others = new LinkedBlockingQueue<String>();
            var reader = new Thread(() -> read(stdout, parseErrors, others), "flood-reader");
            reader.setDaemon(true);
            reader.start();
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                assertThat(others).as("only parse errors come back").isEmpty();
                assertThat(parseErrors.get()).as("fed %d; feeding failed: %s", written.get(), feedFailure.get())
                        .isEqualTo(GARBAGE_LINES);
            });
            assertThat(done).isTrue();
            stdin.write("{\"jsonrpc\":\"2.0\",\"id\":42,\"method\":\"ping\"}\n");
            stdin.flush();
            JsonNode pong = JSON.readTree(others.poll(30, TimeUnit.SECONDS));
            assertThat(pong.path("id").asInt()).isEqualTo(42);
            assertThat(pong.path("result").isObject()).isTrue();
            stdin.close();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void runningOutOfMemoryEndsTheProcessWithANonZeroExitCode() throws Exception {
        try (var server = AgentMeterChild.start(List.of("-Xmx20m"), "--stdio", "--no-http")) {
            server.initialize("2025-06-18");
            byte[] hugeCall = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\""
                    + "x".repeat(McpServers.MAX_MESSAGE_BYTES - 100) + "\"}}\n").getBytes(StandardCharsets.UTF_8);

            for (int i = 0; i < 5 && server.isAlive(); i++) {
                server.sendBytesUnlessEnding(hugeCall);
            }
            server.closeStdinUnlessEnding();

            assertThat(server.awaitExit()).isEqualTo(FatalErrors.EXIT_CODE);
            assertThat(server.stderr()).contains("Fatal error", "OutOfMemoryError", "exiting with code 70");
        }
    }

    private static void read(BufferedReader stdout, AtomicLong parseErrors, LinkedBlockingQueue<String> others) {
        try {
            for (String line = stdout.readLine(); line != null; line = stdout.readLine()) {
                if (line.contains("\"id\":null") && line.contains("\"code\":-32700")) {
                    parseErrors.incrementAndGet();
                } else {
                    others.add(line);
                }
            }
        } catch (IOException e) {
            // The server is gone: the test says so.
        }
    }

    private void feed(BufferedWriter stdin, AtomicLong written, AtomicLong lastProgressNanos, AtomicBoolean done) {
        try {
            for (int i = 0; i < GARBAGE_LINES; i++) {
                stdin.write("garbage\n");
                if (i % 256 == 255) {
                    stdin.flush();
                    written.set(i + 1);
                    lastProgressNanos.set(System.nanoTime());
                }
            }
            stdin.flush();
            written.set(GARBAGE_LINES);
            done.set(true);
        } catch (IOException e) {
            feedFailure.set(e);
        }
    }
}
