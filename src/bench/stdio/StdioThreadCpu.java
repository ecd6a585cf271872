import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Server CPU per stdio {@code tools/call}, in all and per thread, for target 2a of issue 15 when the machine is too
 * loaded for wall-clock figures: the client of Versus' section b ({@code get_performance_metrics}, 64 calls in
 * flight), a warm-up of at least 200,000 calls (at most 60 s), then one measured window; CPU comes from
 * {@code /proc/PID/stat} and {@code /proc/PID/task/TID/stat} (Linux only) before and after it. The reader and the
 * writer thread both show as {@code agentmeter-stdi} (the kernel keeps 15 characters of a name): the reader has the
 * lower thread id. The busier of the two bounds the calls per second of one pipelining client.
 *
 * <p>Run (single-file source, JDK 11+): {@code java src/bench/stdio/StdioThreadCpu.java JAR SECONDS [JAVA]}.
 */
public class StdioThreadCpu {

    private static final int WINDOW = 64;
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"cpu\",\"version\":\"1\"}}}\n"
            + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n";

    public static void main(String[] args) throws Exception {
        String jar = args[0];
        int seconds = Integer.parseInt(args[1]);
        String java = args.length > 2 ? args[2] : "java";
        // The launcher's heap flags in --stdio mode, without its archive (the same for both jars compared).
        var command = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-Xms16m", "-Xmx256m"));
        command.addAll(List.of("-jar", jar, "--stdio", "--no-http", "--data", "none"));
        Process server = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        var out = new BufferedOutputStream(server.getOutputStream(), 1 << 16);
        var in = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8), 1 << 16);
        out.write(INITIALIZE.getBytes(StandardCharsets.UTF_8));
        out.flush();
        in.readLine();
        long warmed = 0;
        long warmUpBegan = System.nanoTime();
        while (warmed < 200_000 && System.nanoTime() - warmUpBegan < TimeUnit.SECONDS.toNanos(60)) {
            warmed += burst(out, in, 2_000);
        }
        Map<String, Long> threadsBefore = threadTicks(server.pid());
        long before = ticks(Path.of("/proc/" + server.pid() + "/stat"));
        long began = System.nanoTime();
        long calls = burst(out, in, seconds * 1000L);
        double wallSeconds = (System.nanoTime() - began) / 1e9;
        long after = ticks(Path.of("/proc/" + server.pid() + "/stat"));
        Map<String, Long> threadsAfter = threadTicks(server.pid());
        var busiest = new StringBuilder();
        threadsAfter.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - threadsBefore.getOrDefault(e.getKey(), 0L)))
                .sorted((x, y) -> Long.compare(y.getValue(), x.getValue())).limit(4)
                .forEach(e -> busiest.append(String.format(" %s=%.2f", e.getKey(), microsPerCall(e.getValue(), calls))));
        System.out.printf("%s calls/s %.0f cpu/call %.2f us, busiest threads (us/call):%s%n", jar, calls / wallSeconds,
                microsPerCall(after - before, calls), busiest);
        out.close();
        server.waitFor(20, TimeUnit.SECONDS);
        server.destroy();
    }

    /** Calls for {@code millis}, {@value #WINDOW} in flight; every answer awaited; the number answered. */
    private static long burst(OutputStream out, BufferedReader in, long millis) throws Exception {
        var window = new Semaphore(WINDOW);
        var sending = new AtomicBoolean(true);
        long[] sent = {0};
        var writer = new Thread(() -> {
            try {
                int id = 1_000_000;
                while (sending.get()) {
                    if (!window.tryAcquire(10, TimeUnit.MILLISECONDS)) {
                        continue;
                    }
                    out.write(("{\"jsonrpc\":\"2.0\",\"id\":" + id++ + ",\"method\":\"tools/call\",\"params\":"
                            + "{\"name\":\"get_performance_metrics\",\"arguments\":{}}}\n").getBytes(StandardCharsets.UTF_8));
                    sent[0]++;
                    if (window.availablePermits() == 0 || !sending.get()) {
                        out.flush();
                    }
                }
                out.flush();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        long stopAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        writer.start();
        long answered = 0;
        while (true) {
            if (sending.get() && System.nanoTime() >= stopAt) {
                sending.set(false);
                writer.join();
            }
            if (!sending.get() && answered == sent[0]) {
                return answered;
            }
            String line = in.readLine();
            if (line.contains("\"id\":")) {
                if (!line.contains("\"result\"") || line.contains("\"isError\":true")) {
                    throw new IllegalStateException("a call failed: " + line);
                }
                answered++;
                window.release();
            }
        }
    }

    private static double microsPerCall(long ticks, long calls) {
        return ticks * 1e6 / 100 / calls; // USER_HZ is 100 on Linux
    }

    /** utime + stime of a /proc stat file, in clock ticks. */
    private static long ticks(Path stat) throws IOException {
        String text = Files.readString(stat);
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
                    ticks.put(name + "#" + task.getFileName(), ticks(task.resolve("stat")));
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        }
        return ticks;
    }
}
