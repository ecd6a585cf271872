package dev.agentmeter.proxy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures what the proxy adds to a tool call on loopback: N {@code fast} calls straight to the downstream test
 * server, then N through {@code agentmeter proxy}, one at a time, each timed from writing the request line to
 * reading the response line; prints the median and p99 of each. Not a test: run it by hand (see the README).
 */
public final class ProxyLatencyBenchmark {

    private static final int WARMUP_CALLS = 2_000;

    private ProxyLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        String classPath = System.getProperty("java.class.path");
        List<String> downstream = List.of(ProxyLaunch.java(), "-cp", classPath, DownstreamTestServer.class.getName());
        var proxied = new ArrayList<>(List.of(ProxyLaunch.java(), "-cp", classPath, "dev.agentmeter.AgentMeter",
                "proxy", "--port", "0", "--"));
        proxied.addAll(downstream);

        long[] direct = measure(downstream, calls);
        long[] throughProxy = measure(proxied, calls);
        System.err.printf("%d fast calls, one at a time, loopback pipes%n", calls);
        System.err.printf("direct:        median %.1f us, p99 %.1f us%n", percentile(direct, 50), percentile(direct, 99));
        System.err.printf("through proxy: median %.1f us, p99 %.1f us%n", percentile(throughProxy, 50),
                percentile(throughProxy, 99));
        System.err.printf("added:         median %.1f us, p99 %.1f us%n",
                percentile(throughProxy, 50) - percentile(direct, 50),
                percentile(throughProxy, 99) - percentile(direct, 99));
    }

    private static long[] measure(List<String> command, int calls) throws Exception {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             OutputStream out = process.getOutputStream()) {
            send(out, "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                    + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\",\"version\":\"1\"}}}");
            in.readLine();
            send(out, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            for (int i = 0; i < WARMUP_CALLS; i++) {
                call(out, in, i + 1);
            }
            long[] nanos = new long[calls];
            for (int i = 0; i < calls; i++) {
                nanos[i] = call(out, in, WARMUP_CALLS + i + 1);
            }
            return nanos;
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    private static long call(OutputStream out, BufferedReader in, int id) throws Exception {
        long start = System.nanoTime();
        send(out, "{\"jsonrpc\":\"2.0\",\"id\":" + id
                + ",\"method\":\"tools/call\",\"params\":{\"name\":\"fast\",\"arguments\":{\"text\":\"ping\"}}}");
        String line = in.readLine();
        long elapsed = System.nanoTime() - start;
        if (line == null || !line.contains("\"id\":" + id + ",")) {
            throw new IllegalStateException("unexpected answer: " + line);
        }
        return elapsed;
    }

    private static void send(OutputStream out, String line) throws Exception {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static double percentile(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1_000.0;
    }
}
