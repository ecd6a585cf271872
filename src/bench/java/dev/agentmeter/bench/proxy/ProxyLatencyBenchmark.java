package dev.agentmeter.bench.proxy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.agentmeter.proxy.DownstreamTestServer;
import dev.agentmeter.testing.ChildCommand;

/**
 * Measures what the proxy adds to a tool call on loopback: N {@code fast} calls straight to the downstream test
 * server and N through {@code agentmeter proxy}, alternating, one at a time, each timed from writing the request
 * line to reading the response line; prints the median and p99 of each. Not a test: run it by hand (see the README).
 */
public final class ProxyLatencyBenchmark {

    private static final int WARMUP_CALLS = 2_000;

    private ProxyLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        String classPath = System.getProperty("java.class.path");
        List<String> downstream = List.of(ChildCommand.java(), "-cp", classPath, DownstreamTestServer.class.getName());
        var proxied = new ArrayList<>(List.of(ChildCommand.java(), "-cp", classPath, "dev.agentmeter.AgentMeter",
                "proxy", "--port", "0", "--"));
        proxied.addAll(downstream);

        try (var direct = Session.start(downstream); var throughProxy = Session.start(proxied)) {
            for (int i = 0; i < WARMUP_CALLS; i++) {
                direct.call();
                throughProxy.call();
            }
            // Alternating calls, so that both paths see the same load on a shared machine.
            long[] directNanos = new long[calls];
            long[] proxiedNanos = new long[calls];
            for (int i = 0; i < calls; i++) {
                directNanos[i] = direct.call();
                proxiedNanos[i] = throughProxy.call();
            }
            System.err.printf("%d fast calls on each path, alternating, one at a time, loopback pipes%n", calls);
            System.err.printf("direct:        median %.1f us, p99 %.1f us%n", percentile(directNanos, 50),
                    percentile(directNanos, 99));
            System.err.printf("through proxy: median %.1f us, p99 %.1f us%n", percentile(proxiedNanos, 50),
                    percentile(proxiedNanos, 99));
            System.err.printf("added:         median %.1f us, p99 %.1f us%n",
                    percentile(proxiedNanos, 50) - percentile(directNanos, 50),
                    percentile(proxiedNanos, 99) - percentile(directNanos, 99));
        }
    }

    /** One MCP session over a child's stdio, initialized, calling {@code fast}. */
    private static final class Session implements AutoCloseable {
        private final Process process;
        private final BufferedReader in;
        private final OutputStream out;
        private int nextId = 1;

        private Session(Process process) {
            this.process = process;
            this.in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.out = process.getOutputStream();
        }

        static Session start(List<String> command) throws Exception {
            var session = new Session(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start());
            send(session.out, "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
                    + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\","
                    + "\"version\":\"1\"}}}");
            session.in.readLine();
            send(session.out, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            return session;
        }

        long call() throws Exception {
            return ProxyLatencyBenchmark.call(out, in, nextId++);
        }

        @Override
        public void close() throws Exception {
            out.close();
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
