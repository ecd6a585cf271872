package dev.agentmeter.bench.otlp;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;

import com.sun.management.OperatingSystemMXBean;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;

import dev.agentmeter.AgentMeter;
import dev.agentmeter.Running;
import dev.agentmeter.Settings;
import dev.agentmeter.testing.TestSettings;

/**
 * OTLP ingest against {@code POST /api/tasks}, side by side in one run: the same 1,000 tasks per request, as an
 * OTLP protobuf trace export to {@code /v1/traces} and as a JSON array to {@code /api/tasks}, each sent by N
 * client threads in a closed loop (keep-alive HTTP/1.1) for a fixed time; with storage on (SQLite in a temporary
 * folder) and with {@code --data none}. Every answer is checked: 200, and for OTLP no refused span. Prints
 * tasks (spans) per second and the ratio OTLP / JSON; and, because the machine these run on is shared and its
 * load moves throughput from one run to the next, the CPU time this process (server and clients) spent per
 * task, which another process's load moves far less.
 *
 * <pre>
 * java -cp target/benchmarks.jar dev.agentmeter.bench.otlp.OtlpIngestBench [--threads 2] [--seconds 10]
 *     [--warmup 10] [--rounds 3] [--storage both|sqlite|none]
 * </pre>
 *
 * Each round measures OTLP then JSON, and the next round JSON then OTLP, so a drift in the machine's load does
 * not favour one side. Not thread-safe; a main.
 */
public final class OtlpIngestBench {

    private static final int TASKS = 1_000;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final long HIGHEST_MICROS = 60_000_000L;
    private static final AtomicReference<String> FIRST_FAILURE = new AtomicReference<>();
    private static final OperatingSystemMXBean CPU =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        int threads = 2;
        int seconds = 10;
        int warmup = 10;
        int rounds = 3;
        String storage = "both";
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--storage" -> storage = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        var requests = IngestRequests.of(TASKS, 42);
        System.out.printf(Locale.ROOT, "%d tasks per request: OTLP protobuf %d bytes, JSON %d bytes; %d client "
                        + "threads, %d s measured after %d s warm-up, %d rounds, %d cores shared by client and server%n",
                TASKS, requests.protobuf().length, requests.json().length, threads, seconds, warmup, rounds,
                Runtime.getRuntime().availableProcessors());
        var bench = new OtlpIngestBench();
        if (!storage.equals("none")) {
            Path folder = Files.createTempDirectory("agentmeter-otlp-bench");
            bench.compare("sqlite", TestSettings.builder().storage(folder, null).build(), requests, threads,
                    Duration.ofSeconds(seconds), Duration.ofSeconds(warmup), rounds);
        }
        if (!storage.equals("sqlite")) {
            bench.compare("none", TestSettings.forTests(), requests, threads, Duration.ofSeconds(seconds),
                    Duration.ofSeconds(warmup), rounds);
        }
        if (FIRST_FAILURE.get() != null) {
            System.out.println("first failure: " + FIRST_FAILURE.get());
        }
        System.exit(0);
    }

    private void compare(String storage, Settings settings, IngestRequests requests, int threads, Duration measured,
                         Duration warmup, int rounds) throws Exception {
        Running running = AgentMeter.start(settings);
        try {
            String base = "http://127.0.0.1:" + running.httpPort();
            var otlp = new Scenario("POST /v1/traces (OTLP protobuf)", post(base + "/v1/traces", "application/x-protobuf",
                    requests.protobuf()), true);
            var json = new Scenario("POST /api/tasks (JSON)", post(base + "/api/tasks", "application/json",
                    requests.json()), false);
            drive(otlp, threads, warmup);
            drive(json, threads, warmup);
            System.out.printf(Locale.ROOT, "%nstorage %s%n%-34s %8s %10s %9s %9s %7s %12s%n", storage, "endpoint",
                    "req/s", "tasks/s", "p50 ms", "p99 ms", "errors", "CPU us/task");
            for (int round = 0; round < rounds; round++) {
                List<Scenario> order = round % 2 == 0 ? List.of(otlp, json) : List.of(json, otlp);
                double[] perSecond = new double[2];
                double[] cpuPerTask = new double[2];
                for (Scenario scenario : order) {
                    Result result = drive(scenario, threads, measured);
                    int side = scenario == otlp ? 0 : 1;
                    perSecond[side] = result.perSecond() * TASKS;
                    cpuPerTask[side] = result.cpuNanos() / 1000.0 / (result.latency().getTotalCount() * (double) TASKS);
                    System.out.printf(Locale.ROOT, "%-34s %8.1f %10.0f %9.2f %9.2f %7d %12.2f%n", scenario.name(),
                            result.perSecond(), result.perSecond() * TASKS,
                            result.latency().getValueAtPercentile(50) / 1000.0,
                            result.latency().getValueAtPercentile(99) / 1000.0, result.errors(), cpuPerTask[side]);
                }
                System.out.printf(Locale.ROOT, "round %d: OTLP / JSON = %.2f in tasks/s, %.2f in CPU time per task%n",
                        round + 1, perSecond[0] / perSecond[1], cpuPerTask[1] / cpuPerTask[0]);
            }
            System.out.printf(Locale.ROOT, "tasks recorded: %d%n", running.metrics().snapshot().totalRequests());
        } finally {
            running.stop();
        }
    }

    private HttpRequest post(String url, String contentType, byte[] body) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private Result drive(Scenario scenario, int threads, Duration duration) throws InterruptedException {
        var histograms = new ArrayList<Histogram>();
        var errors = new LongAdder();
        var start = new CountDownLatch(1);
        var workers = new ArrayList<Thread>();
        long[] window = new long[1];
        for (int i = 0; i < threads; i++) {
            var histogram = new Histogram(HIGHEST_MICROS, 3);
            histograms.add(histogram);
            var worker = new Thread(() -> loop(scenario, histogram, errors, start, window), "ingest-client");
            workers.add(worker);
            worker.start();
        }
        long cpuBefore = CPU.getProcessCpuTime();
        long began = System.nanoTime();
        window[0] = began + duration.toNanos();
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        long elapsed = System.nanoTime() - began;
        long cpu = CPU.getProcessCpuTime() - cpuBefore;
        var all = new Histogram(HIGHEST_MICROS, 3);
        histograms.forEach(all::add);
        return new Result(all.getTotalCount() / (elapsed / 1e9), all, errors.sum(), cpu);
    }

    private void loop(Scenario scenario, Histogram histogram, LongAdder errors, CountDownLatch start, long[] window) {
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
                ok = accepted(scenario, http.send(scenario.request(), HttpResponse.BodyHandlers.ofByteArray()));
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

    /** 200, and for OTLP an answer that refused no span (every task was taken). */
    private static boolean accepted(Scenario scenario, HttpResponse<byte[]> response) throws Exception {
        if (response.statusCode() != 200) {
            FIRST_FAILURE.compareAndSet(null, "HTTP " + response.statusCode() + " from " + response.uri() + ": "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
            return false;
        }
        if (scenario.otlp() && ExportTraceServiceResponse.parseFrom(response.body()).hasPartialSuccess()) {
            FIRST_FAILURE.compareAndSet(null, "partial success: "
                    + ExportTraceServiceResponse.parseFrom(response.body()).getPartialSuccess());
            return false;
        }
        return true;
    }

    private record Scenario(String name, HttpRequest request, boolean otlp) {
    }

    private record Result(double perSecond, Histogram latency, long errors, long cpuNanos) {
    }
}
