package dev.agentmeter.bench.startup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Time from process start to the first answered {@code tools/list} over stdio, the wait an MCP client sees each
 * time it starts the server.
 *
 * <pre>
 * java -cp target/benchmarks.jar dev.agentmeter.bench.startup.StartupTimer RUNS -- java [JVM options] -jar
 *     target/agentmeter.jar --stdio [options]
 * </pre>
 *
 * Each run starts the command, writes initialize, notifications/initialized and tools/list at once (as a client
 * does), stops the clock when the tools/list answer line arrives, then closes stdin, which stops the server.
 * Prints every run and the median and minimum in milliseconds. Not thread-safe; a main only.
 */
public final class StartupTimer {

    private static final String EXCHANGE = String.join("\n",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"startup-timer\",\"version\":\"1\"}}}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}", "");
    private static final long EXIT_WAIT_SECONDS = 20;

    private StartupTimer() {
    }

    public static void main(String[] args) throws Exception {
        int separator = Arrays.asList(args).indexOf("--");
        if (separator != 1) {
            System.err.println("usage: StartupTimer RUNS -- COMMAND...");
            System.exit(2);
        }
        int runs = Integer.parseInt(args[0]);
        List<String> command = List.of(args).subList(2, args.length);
        var millis = new ArrayList<Double>();
        for (int run = 1; run <= runs; run++) {
            double elapsed = once(command);
            millis.add(elapsed);
            System.out.printf("run %2d: %7.1f ms%n", run, elapsed);
        }
        millis.sort(null);
        double median = runs % 2 == 1 ? millis.get(runs / 2) : (millis.get(runs / 2 - 1) + millis.get(runs / 2)) / 2;
        System.out.printf("%s%nruns %d  median %.1f ms  min %.1f ms  max %.1f ms%n", String.join(" ", command),
                runs, median, millis.get(0), millis.get(runs - 1));
    }

    private static double once(List<String> command) throws IOException, InterruptedException {
        var builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        long start = System.nanoTime();
        Process process = builder.start();
        try (OutputStream stdin = process.getOutputStream();
             var stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            stdin.write(EXCHANGE.getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            for (String line = stdout.readLine(); line != null; line = stdout.readLine()) {
                if (line.contains("\"id\":2") && line.contains("\"tools\"")) {
                    return (System.nanoTime() - start) / 1e6;
                }
            }
            throw new IOException("the server closed stdout before answering tools/list");
        } finally {
            // stdin is closed by now: the server stops on its own; a stuck one is ended.
            if (!process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
