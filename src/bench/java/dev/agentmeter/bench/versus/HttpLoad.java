package dev.agentmeter.bench.versus;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * (c) Closed-loop HTTP load: N client threads, each sending one request after another over keep-alive HTTP/1.1,
 * against MCP over Streamable HTTP ({@code tools/call get_performance_metrics}, one session shared by every
 * thread, as the issue measured with wrk) or a plain GET. Requests that are not a 2xx success count as errors,
 * and any error fails the section rather than flattering a figure.
 */
final class HttpLoad {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration READY_WAIT = Duration.ofSeconds(30);
    private static final String PROTOCOL_VERSION = "2025-06-18";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    HttpLoad(URI base) {
        this.base = base;
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Waits until something answers {@code path} (any status), or fails after {@link #READY_WAIT}. */
    void awaitListening(String path, Process process) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + READY_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the server exited with " + process.exitValue() + " before listening");
            }
            try {
                http.send(HttpRequest.newBuilder(base.resolve(path)).GET().timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException("nothing listens at " + base + " after " + READY_WAIT.toSeconds() + " s");
    }

    /** Opens one MCP session (initialize, then initialized) and returns the request every thread repeats. */
    HttpRequest mcpToolCall() throws IOException, InterruptedException {
        String session = openSession(PROTOCOL_VERSION);
        return mcp(session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"get_performance_metrics\",\"arguments\":{}}}", PROTOCOL_VERSION);
    }

    /** Opens one MCP session of {@code protocolVersion} (initialize, then initialized); returns its id. */
    String openSession(String protocolVersion) throws IOException, InterruptedException {
        HttpResponse<String> initialized = http.send(mcp(null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":"
                + "\"initialize\",\"params\":{\"protocolVersion\":\"" + protocolVersion + "\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"versus\",\"version\":\"1\"}}}", protocolVersion),
                HttpResponse.BodyHandlers.ofString());
        String session = initialized.headers().firstValue("Mcp-Session-Id").orElseThrow(
                () -> new IOException("no MCP session: HTTP " + initialized.statusCode() + " " + initialized.body()));
        http.send(mcp(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", protocolVersion),
                HttpResponse.BodyHandlers.discarding());
        return session;
    }

    HttpRequest get(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT).GET().build();
    }

    private HttpRequest mcp(String session, String body, String protocolVersion) {
        var builder = HttpRequest.newBuilder(base.resolve("/mcp")).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            builder.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", protocolVersion);
        }
        return builder.build();
    }

    /** Requests per second of {@code threads} closed loops sending {@code request} for {@code duration}. */
    double drive(HttpRequest request, int threads, Duration duration) throws IOException, InterruptedException {
        var done = new LongAdder();
        var firstError = new AtomicReference<String>();
        var start = new CountDownLatch(1);
        long[] window = new long[2];
        var workers = new ArrayList<Thread>();
        for (int i = 0; i < threads; i++) {
            var worker = new Thread(() -> loop(request, done, firstError, start, window), "versus-http-client");
            workers.add(worker);
            worker.start();
        }
        window[0] = System.nanoTime();
        window[1] = window[0] + duration.toNanos();
        start.countDown();
        for (Thread worker : workers) {
            worker.join(TimeUnit.NANOSECONDS.toMillis(duration.toNanos()) + REQUEST_TIMEOUT.toMillis() + 5_000);
        }
        double seconds = (System.nanoTime() - window[0]) / 1e9;
        if (firstError.get() != null) {
            throw new IOException("HTTP load on " + request.uri() + " failed: " + firstError.get());
        }
        return done.sum() / seconds;
    }

    private void loop(HttpRequest request, LongAdder done, AtomicReference<String> firstError,
            CountDownLatch start, long[] window) {
        try {
            start.await();
            while (System.nanoTime() < window[1] && firstError.get() == null) {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 != 2 || response.body().contains("\"isError\":true")) {
                    firstError.compareAndSet(null, "HTTP " + response.statusCode() + " " + abbreviate(response.body()));
                    return;
                }
                done.increment();
            }
        } catch (IOException e) {
            firstError.compareAndSet(null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String abbreviate(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "...";
    }

    /** Starts a server process with its output discarded (it is measured over HTTP only). */
    static Process launch(List<String> command, java.nio.file.Path directory) throws IOException {
        return new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.PIPE).start();
    }
}
