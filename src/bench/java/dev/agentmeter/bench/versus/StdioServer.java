package dev.agentmeter.bench.versus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One MCP server process spoken to over stdio, as an MCP client does: newline-delimited JSON-RPC on its stdin
 * and stdout, stderr discarded. Reads {@code VmRSS} of the process (and of its children, for a launcher that does
 * not {@code exec}) from {@code /proc}. Not thread-safe: one client thread writes, one reads (see
 * {@link StdioThroughput}).
 */
final class StdioServer implements AutoCloseable {

    static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"versus\","
            + "\"version\":\"1\"}}}\n{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n";
    private static final long EXIT_WAIT_SECONDS = 20;

    private final Process process;
    private final OutputStream stdin;
    private final BufferedReader stdout;
    private final long startedNanos;

    private StdioServer(Process process, long startedNanos) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8),
                1 << 16);
        this.startedNanos = startedNanos;
    }

    static StdioServer start(List<String> command, Path workingDirectory) throws IOException {
        var builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        long started = System.nanoTime();
        return new StdioServer(builder.start(), started);
    }

    long pid() {
        return process.pid();
    }

    long startedNanos() {
        return startedNanos;
    }

    void send(String lines) throws IOException {
        stdin.write(lines.getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    void sendWithoutFlush(String lines) throws IOException {
        stdin.write(lines.getBytes(StandardCharsets.UTF_8));
    }

    void flush() throws IOException {
        stdin.flush();
    }

    /** Reads lines until the answer to request {@code id}, which it returns; notifications are skipped. */
    String awaitAnswer(int id) throws IOException {
        String marker = "\"id\":" + id + ",";
        String lastMarker = "\"id\":" + id + "}";
        for (String line = stdout.readLine(); line != null; line = stdout.readLine()) {
            if (line.contains(marker) || line.contains(lastMarker)) {
                return line;
            }
        }
        throw new IOException("the server closed stdout before answering request " + id);
    }

    /** The next line on stdout (an answer or a notification); fails at end of stream. */
    String readLine() throws IOException {
        String line = stdout.readLine();
        if (line == null) {
            throw new IOException("the server closed stdout");
        }
        return line;
    }

    /** Resident set in KiB of the process and every descendant (a launcher script may fork the JVM). */
    long residentKib() throws IOException {
        long total = rss(process.pid());
        for (var child : (Iterable<ProcessHandle>) process.descendants()::iterator) {
            total += rss(child.pid());
        }
        return total;
    }

    /** Anonymous (heap, stacks, malloc) and file-backed (the jar, libraries, class-data archives) parts, in KiB. */
    String residentParts() throws IOException {
        return "RssAnon " + field(process.pid(), "RssAnon:") + " KiB, RssFile " + field(process.pid(), "RssFile:")
                + " KiB";
    }

    private static long rss(long pid) throws IOException {
        return field(pid, "VmRSS:");
    }

    private static long field(long pid, String name) throws IOException {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        if (!Files.exists(status)) {
            return 0;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith(name)) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    /** Closes stdin, which ends a stdio server, and waits for it; a stuck one is killed. */
    @Override
    public void close() throws IOException {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // A server that already exited closed the pipe first; ending it is all that is left to do.
        }
        try {
            if (!process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stdout.close();
        }
    }
}
