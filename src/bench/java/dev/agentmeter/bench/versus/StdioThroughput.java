package dev.agentmeter.bench.versus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * (b) {@code tools/call get_performance_metrics} pipelined over stdio by one client: a writer thread keeps up to
 * {@value #WINDOW} calls in flight while the reader counts answers. Both servers stay up for the whole section and
 * take turns: a warm-up each (a time and a call count), then measured bursts alternately; the median calls per
 * second is reported.
 */
final class StdioThroughput {

    /** Calls in flight at once: enough to keep a server busy, few enough that no pipe buffer fills. */
    static final int WINDOW = 64;
    /** Calls answered before measuring: enough for C2 to have compiled the call path. */
    private static final long WARM_UP_CALLS = 30_000;
    private static final Duration WARM_UP_LIMIT = Duration.ofSeconds(40);
    private static final String CALL_BEFORE_ID = "{\"jsonrpc\":\"2.0\",\"id\":";
    private static final String CALL_AFTER_ID = ",\"method\":\"tools/call\",\"params\":{\"name\":"
            + "\"get_performance_metrics\",\"arguments\":{}}}\n";

    private StdioThroughput() {
    }

    static double[] medians(List<Contender> contenders, Duration warmup, Duration burst, int rounds)
            throws IOException {
        var servers = new ArrayList<StdioServer>();
        try {
            for (Contender contender : contenders) {
                var server = StdioServer.start(contender.stdioCommand(), contender.workingDirectory());
                servers.add(server);
                server.send(StdioServer.INITIALIZE);
                server.awaitAnswer(0);
                warmUp(server, warmup);
            }
            var samples = new ArrayList<List<Double>>();
            contenders.forEach(c -> samples.add(new ArrayList<>()));
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < servers.size(); i++) {
                    samples.get(i).add(burst(servers.get(i), burst));
                }
            }
            double[] medians = new double[contenders.size()];
            for (int i = 0; i < medians.length; i++) {
                medians[i] = Stats.median(samples.get(i));
                System.out.printf("  stdio calls/s %-12s bursts %s%n", contenders.get(i).name(),
                        Stats.rounded(samples.get(i)));
            }
            return medians;
        } finally {
            for (StdioServer server : servers) {
                server.close();
            }
        }
    }

    /**
     * Bursts of one second until {@code atLeast} has passed and {@value #WARM_UP_CALLS} calls were answered (what a
     * JIT needs to compile the call path, however slowly a loaded machine runs it), for at most
     * {@link #WARM_UP_LIMIT}.
     */
    private static void warmUp(StdioServer server, Duration atLeast) throws IOException {
        long began = System.nanoTime();
        long calls = 0;
        long elapsed;
        do {
            calls += Math.round(burst(server, Duration.ofSeconds(1)));
            elapsed = System.nanoTime() - began;
        } while ((elapsed < atLeast.toNanos() || calls < WARM_UP_CALLS) && elapsed < WARM_UP_LIMIT.toNanos());
    }

    /** Sends calls for {@code duration}, waits for every answer, and returns answers per second. */
    static double burst(StdioServer server, Duration duration) throws IOException {
        var window = new Semaphore(WINDOW);
        var sending = new AtomicBoolean(true);
        var failure = new AtomicReference<Throwable>();
        long[] sent = new long[1];
        var writer = new Thread(() -> {
            try {
                int id = 1_000_000;
                while (sending.get()) {
                    if (!window.tryAcquire(10, TimeUnit.MILLISECONDS)) {
                        continue;
                    }
                    server.sendWithoutFlush(CALL_BEFORE_ID + id++ + CALL_AFTER_ID);
                    sent[0]++;
                    if (window.availablePermits() == 0 || !sending.get()) {
                        server.flush();
                    }
                }
                server.flush();
            } catch (IOException e) {
                failure.set(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "versus-stdio-writer");
        long began = System.nanoTime();
        long stopAt = began + duration.toNanos();
        writer.start();
        long answered = 0;
        long failed = 0;
        try {
            while (true) {
                if (sending.get() && System.nanoTime() >= stopAt) {
                    sending.set(false);
                    writer.join();
                }
                if (!sending.get() && answered == sent[0]) {
                    break;
                }
                String line = server.readLine();
                if (line.contains("\"id\":")) {
                    answered++;
                    if (!line.contains("\"result\"") || line.contains("\"isError\":true")) {
                        failed++;
                    }
                    window.release();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (failure.get() != null) {
            throw new UncheckedIOException(new IOException("writing calls failed", failure.get()));
        }
        if (failed > 0) {
            throw new IOException(failed + " of " + answered + " calls failed");
        }
        return answered / ((System.nanoTime() - began) / 1e9);
    }
}
