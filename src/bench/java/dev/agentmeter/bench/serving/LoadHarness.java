package dev.agentmeter.bench.serving;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.HdrHistogram.Histogram;

import dev.agentmeter.AgentMeter;
import dev.agentmeter.Running;
import dev.agentmeter.testing.TestSettings;

/**
 * A closed-loop load harness: N client threads, each sending one request after another over keep-alive
 * HTTP/1.1 for a fixed time, against the JSON API, MCP over Streamable HTTP, and a static file served by the
 * same Jetty (the ceiling every other figure is divided by).
 *
 * <pre>
 * java -cp target/benchmarks.jar dev.agentmeter.bench.serving.LoadHarness [--threads 2,8] [--seconds 10]
 *     [--warmup 5] [--url http://127.0.0.1:8080]
 * </pre>
 *
 * Without {@code --url} it starts AgentMeter in this process with {@code TestSettings.forTests()} (loopback, port 0,
 * memory only, no rate limit). MCP is spoken as raw JSON-RPC POSTs carrying the session id, one session per
 * client thread: closer to the wire, and cheaper for the client, than the SDK's client. Not thread-safe; a main.
 */
public final class LoadHarness {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final long HIGHEST_MICROS = 60_000_000L;
    /** The first request that failed with an exception, printed at the end to say what the errors were. */
    private static final AtomicReference<String> FIRST_FAILURE = new AtomicReference<>();

    private final URI base;
    private final HttpClient http;

    private LoadHarness(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public static void main(String[] args) throws Exception {
        List<Integer> threadCounts = List.of(2, 8);
        int seconds = 10;
        int warmup = 5;
        String url = null;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--threads" -> threadCounts = List.of(args[i + 1].split(",")).stream().map(Integer::valueOf)
                        .toList();
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--url" -> url = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Running running = null;
        if (url == null) {
            running = AgentMeter.start(TestSettings.forTests());
            url = "http://127.0.0.1:" + running.httpPort();
        }
        try {
            new LoadHarness(URI.create(url)).run(threadCounts, Duration.ofSeconds(seconds), Duration.ofSeconds(warmup));
            if (FIRST_FAILURE.get() != null) {
                System.out.println("first failure: " + FIRST_FAILURE.get());
            }
        } finally {
            if (running != null) {
                running.stop();
            }
        }
        System.exit(0);
    }

    private void run(List<Integer> threadCounts, Duration measured, Duration warmup) throws Exception {
        List<Scenario> scenarios = scenarios();
        System.out.printf(Locale.ROOT, "target %s, %d s per scenario after %d s warm-up, %d cores (shared by client "
                + "and server)%n", base, measured.toSeconds(), warmup.toSeconds(),
                Runtime.getRuntime().availableProcessors());
        // One pass over everything first, so that no scenario pays for compiling the code the others share.
        for (Scenario scenario : scenarios) {
            drive(scenario, threadCounts.get(0), warmup);
        }
        for (int threads : threadCounts) {
            System.out.printf(Locale.ROOT, "%n%d client threads%n%-40s %10s %9s %9s %8s %9s%n", threads, "scenario",
                    "req/s", "p50 ms", "p99 ms", "errors", "ratio");
            double ceiling = 0;
            for (Scenario scenario : scenarios) {
                drive(scenario, threads, warmup);
                Result result = drive(scenario, threads, measured);
                if (scenario == scenarios.get(0)) {
                    ceiling = result.perSecond();
                }
                System.out.printf(Locale.ROOT, "%-40s %10.0f %9.3f %9.3f %8d %9.2f%n", scenario.name(),
                        result.perSecond(), result.latency().getValueAtPercentile(50) / 1000.0,
                        result.latency().getValueAtPercentile(99) / 1000.0, result.errors(),
                        result.perSecond() / ceiling);
            }
        }
    }

    private List<Scenario> scenarios() {
        String oneTask = task(0);
        String hundredTasks = IntStream.range(0, 100).mapToObj(LoadHarness::task)
                .collect(Collectors.joining(",", "[", "]"));
        return List.of(
                get("GET /favicon.svg (static ceiling)", "/favicon.svg"),
                get("GET /dashboard.css (12.5 KiB static)", "/dashboard.css"),
                get("GET /api/dashboard", "/api/dashboard"),
                post("POST /api/tasks (1 task)", "/api/tasks", oneTask),
                post("POST /api/tasks (batch of 100)", "/api/tasks", hundredTasks),
                new Scenario("MCP tools/call get_performance_metrics", this::mcpClient));
    }

    private static String task(int i) {
        return "{\"name\":\"load-" + i % 5 + "\",\"duration_ms\":" + (10 + i % 90) + ",\"success\":" + (i % 10 != 0)
                + ",\"agent\":\"harness\"}";
    }

    private Scenario get(String name, String path) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT).GET().build();
        return new Scenario(name, () -> () -> ok(http.send(request, HttpResponse.BodyHandlers.ofString())));
    }

    private Scenario post(String name, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return new Scenario(name, () -> () -> ok(http.send(request, HttpResponse.BodyHandlers.ofString())));
    }

    /** One MCP session for one client thread: initialize and initialized, then the same tool call again and again. */
    private Call mcpClient() throws Exception {
        HttpResponse<String> initialized = http.send(mcp(null,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"load-harness\",\"version\":\"1\"}}}"),
                HttpResponse.BodyHandlers.ofString());
        String session = initialized.headers().firstValue("Mcp-Session-Id")
                .orElseThrow(() -> new IllegalStateException("no MCP session: " + initialized.statusCode()));
        http.send(mcp(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"),
                HttpResponse.BodyHandlers.discarding());
        HttpRequest call = mcp(session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"get_performance_metrics\",\"arguments\":{}}}");
        return () -> {
            HttpResponse<String> response = http.send(call, HttpResponse.BodyHandlers.ofString());
            return ok(response) && response.body().contains("\"result\"") && !response.body().contains("\"isError\":true");
        };
    }

    private HttpRequest mcp(String session, String body) {
        var builder = HttpRequest.newBuilder(base.resolve("/mcp")).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            builder.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-06-18");
        }
        return builder.build();
    }

    private static boolean ok(HttpResponse<?> response) {
        if (response.statusCode() / 100 != 2) {
            FIRST_FAILURE.compareAndSet(null, "HTTP " + response.statusCode() + " from " + response.uri());
            return false;
        }
        return true;
    }

    private Result drive(Scenario scenario, int threads, Duration duration) throws Exception {
        var calls = new ArrayList<Call>();
        for (int i = 0; i < threads; i++) {
            calls.add(scenario.client().open());
        }
        var histograms = new ArrayList<Histogram>();
        var errors = new LongAdder();
        var start = new CountDownLatch(1);
        var workers = new ArrayList<Thread>();
        long[] window = new long[1];
        for (Call call : calls) {
            var histogram = new Histogram(HIGHEST_MICROS, 3);
            histograms.add(histogram);
            var worker = new Thread(() -> loop(call, histogram, errors, start, window), "load-client");
            workers.add(worker);
            worker.start();
        }
        long began = System.nanoTime();
        window[0] = began + duration.toNanos();
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        long elapsed = System.nanoTime() - began;
        var all = new Histogram(HIGHEST_MICROS, 3);
        histograms.forEach(all::add);
        return new Result(all.getTotalCount() / (elapsed / 1e9), all, errors.sum());
    }

    private static void loop(Call call, Histogram histogram, LongAdder errors, CountDownLatch start, long[] window) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long end = window[0];
        for (long now = System.nanoTime(); now < end; ) {
            boolean ok;
            try {
                ok = call.send();
            } catch (Exception e) {
                FIRST_FAILURE.compareAndSet(null, e.toString());
                ok = false;
            }
            long after = System.nanoTime();
            histogram.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, (after - now) / 1000)));
            if (!ok) {
                errors.increment();
            }
            now = after;
        }
    }

    /** One request; true when it was answered as a success. */
    @FunctionalInterface
    private interface Call {
        boolean send() throws Exception;
    }

    /** Opens one client's calls (an MCP client opens its session here). */
    @FunctionalInterface
    private interface ClientFactory {
        Call open() throws Exception;
    }

    private record Scenario(String name, ClientFactory client) {
    }

    private record Result(double perSecond, Histogram latency, long errors) {
    }
}
