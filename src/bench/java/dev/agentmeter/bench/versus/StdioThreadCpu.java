package dev.agentmeter.bench.versus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Server CPU per stdio {@code tools/call}, in all and per thread, for target 2a of issue 15 when the machine is too
 * loaded for wall-clock figures: the client of Versus' section b ({@link StdioThroughput#burst}:
 * {@code get_performance_metrics}, {@value StdioThroughput#WINDOW} calls in flight), a warm-up of at least 200,000
 * calls (at most 60 s), then one measured window; CPU comes from {@code /proc/PID/stat} and
 * {@code /proc/PID/task/TID/stat} (Linux only) before and after it. The reader and the writer thread both show as
 * {@code agentmeter-stdi} (the kernel keeps 15 characters of a name): the reader has the lower thread id. The
 * busier of the two bounds the calls per second of one pipelining client.
 *
 * <p>Run: {@code java -cp target/benchmarks.jar dev.agentmeter.bench.versus.StdioThreadCpu JAR SECONDS [JAVA]}, any
 * AgentMeter jar (another commit's, to compare).
 */
public final class StdioThreadCpu {

    private static final long WARM_UP_CALLS = 200_000;
    private static final Duration WARM_UP_LIMIT = Duration.ofSeconds(60);
    private static final Duration WARM_UP_BURST = Duration.ofSeconds(2);
    private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private StdioThreadCpu() {
    }

    public static void main(String[] args) throws Exception {
        String jar = args[0];
        var measured = Duration.ofSeconds(Integer.parseInt(args[1]));
        String java = args.length > 2 ? args[2] : "java";
        // The launcher's heap flags in --stdio mode, without its archive (the same for both jars compared).
        var command = List.of(java, "-XX:+UseSerialGC", "-Xms16m", "-Xmx256m", "-jar", jar, "--stdio", "--no-http",
                "--data", "none");
        try (var server = StdioServer.start(command, Path.of("").toAbsolutePath())) {
            server.send(StdioServer.INITIALIZE);
            server.awaitAnswer(0);
            long warmed = 0;
            long warmUpBegan = System.nanoTime();
            while (warmed < WARM_UP_CALLS && System.nanoTime() - warmUpBegan < WARM_UP_LIMIT.toNanos()) {
                warmed += Math.round(StdioThroughput.burst(server, WARM_UP_BURST) * WARM_UP_BURST.toSeconds());
            }
            Map<String, Long> threadsBefore = threadTicks(server.pid());
            long before = processTicks(server.pid());
            long began = System.nanoTime();
            double perSecond = StdioThroughput.burst(server, measured);
            long calls = Math.round(perSecond * (System.nanoTime() - began) / 1e9);
            long after = processTicks(server.pid());
            Map<String, Long> threadsAfter = threadTicks(server.pid());
            var busiest = new StringBuilder();
            threadsAfter.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue() - threadsBefore.getOrDefault(e.getKey(), 0L)))
                    .sorted((x, y) -> Long.compare(y.getValue(), x.getValue())).limit(4)
                    .forEach(e -> busiest.append(String.format(" %s=%.2f", e.getKey(),
                            microsPerCall(e.getValue(), calls))));
            System.out.printf("%s calls/s %.0f cpu/call %.2f us, busiest threads (us/call):%s%n", jar, perSecond,
                    microsPerCall(after - before, calls), busiest);
        }
    }

    private static double microsPerCall(long ticks, long calls) {
        return ticks / TICKS_PER_SECOND * 1e6 / calls;
    }

    private static long processTicks(long pid) throws IOException {
        return ticks(Files.readString(Path.of("/proc/" + pid + "/stat")));
    }

    /** utime + stime of a /proc stat file's text, in clock ticks. */
    private static long ticks(String text) {
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Each thread's ticks, keyed by "name#tid". */
    private static Map<String, Long> threadTicks(long pid) throws IOException {
        var ticks = new HashMap<String, Long>();
        try (var tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks) {
                try {
                    String text = Files.readString(task.resolve("stat"));
                    String name = text.substring(text.indexOf('(') + 1, text.lastIndexOf(')'));
                    ticks.put(name + "#" + task.getFileName(), ticks(text));
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        }
        return ticks;
    }
}
