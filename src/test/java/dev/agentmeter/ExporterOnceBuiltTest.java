package dev.agentmeter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.agentmeter.export.PrometheusExporter;

/**
 * The MCP requests answered before the Prometheus exporter is built (it is built beside start-up) are counted once
 * it is, each exactly once, also when more come than it keeps early (their threads then wait for it).
 */
class ExporterOnceBuiltTest {

    private static final int THREADS = 4;
    private static final int EACH = ExporterOnceBuilt.MAX_EARLY; // four times what is kept early, in all
    private static final Pattern TOOLS_LIST_COUNT = Pattern.compile(
            "mcp_server_operation_duration_seconds_count\\{[^}]*mcp_method_name=\"tools/list\"[^}]*} (\\S+)");

    @Test
    void everyEarlyObservationIsCountedOnceTheExporterExists() throws Exception {
        var once = new ExporterOnceBuilt();
        var start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        var done = new ArrayList<Future<?>>();
        try {
            for (int t = 0; t < THREADS; t++) {
                done.add(threads.submit(() -> {
                    start.await();
                    for (int i = 0; i < EACH; i++) {
                        once.observe("tools/list", null, "2025-11-25", null, 1_000_000);
                    }
                    return null;
                }));
            }
            start.countDown();
            Thread.sleep(200); // the threads fill what is kept early, then wait for the exporter
            assertThat(done).anyMatch(future -> !future.isDone());

            var exporter = new PrometheusExporter(100, Clock.systemUTC(), Instant.now(), () -> 0);
            once.handOver(exporter);
            for (var future : done) {
                future.get(10, TimeUnit.SECONDS);
            }
            once.observe("tools/list", null, "2025-11-25", null, 1_000_000);

            Matcher count = TOOLS_LIST_COUNT.matcher(exporter.scrape(null).body());
            assertThat(count.find()).isTrue();
            assertThat(Double.parseDouble(count.group(1))).isEqualTo(THREADS * EACH + 1);
            assertThat(once.await()).isSameAs(exporter);
        } finally {
            threads.shutdownNow();
        }
    }
}
