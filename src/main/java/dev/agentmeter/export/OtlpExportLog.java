package dev.agentmeter.export;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What OTLP export says in the log: one line when dropping starts and one when it has stopped (with the count,
 * {@link DropEpisodes}); one when export starts failing and one when it works again; one per new kind of
 * refusal; never a line per span.
 *
 * <p>Written by the exporter's one worker thread; {@link #failing()} may be read by any thread.
 */
final class OtlpExportLog {

    private static final Logger log = LoggerFactory.getLogger(OtlpTaskExporter.class);

    private final String endpoint;
    private final OtlpExportOptions options;
    private final DropEpisodes drops;
    // Written by the worker, read by any thread through the exporter's view.
    private volatile boolean failing;
    // The worker's alone.
    private String lastRefusal;

    OtlpExportLog(String endpoint, OtlpExportOptions options, LongSupplier nanoTime) {
        this.endpoint = endpoint;
        this.options = options;
        this.drops = new DropEpisodes(options.dropQuietPeriod(), nanoTime);
    }

    /** Whether the last attempt failed and the batch waits for a retry. */
    boolean failing() {
        return failing;
    }

    void started() {
        log.info("Exporting every task as an OpenTelemetry span to {} (OTLP/HTTP)", endpoint);
    }

    void sent() {
        if (failing) {
            log.info("Exporting spans to {} works again", endpoint);
            failing = false;
        }
        lastRefusal = null;
    }

    void refused(String reason) {
        failing = false; // the receiver is up: it answered
        if (!reason.equals(lastRefusal)) {
            log.warn("{} refused spans ({}): they are dropped, not retried", endpoint, reason);
            lastRefusal = reason;
        }
    }

    void retrying(String reason) {
        if (!failing) {
            log.warn("Cannot export spans to {} ({}); retrying with backoff up to {} while up to {} tasks queue",
                    endpoint, reason, readable(options.maxBackoff()), options.queueCapacity());
            failing = true;
        }
    }

    /** Looks at the count of tasks dropped so far, and says when dropping starts or stops. */
    void lookAtDrops(long droppedTotal) {
        drops.observe(droppedTotal).ifPresent(change -> {
            if (change instanceof DropEpisodes.Started) {
                log.warn("The queue of spans for {} is full ({} tasks): new tasks are dropped until it drains",
                        endpoint, options.queueCapacity());
            } else if (change instanceof DropEpisodes.Ended ended) {
                log.info("Stopped dropping tasks for {}: {} dropped in that while, {} since start", endpoint,
                        ended.dropped(), ended.droppedInAll());
            }
        });
    }

    void stopped(long exported, long unsent, long dropped, long refused) {
        if (unsent > 0 || dropped > 0 || refused > 0) {
            log.warn("Stopped exporting to {}: {} spans exported, {} unsent at stop, {} dropped (queue full), "
                    + "{} refused by the receiver", endpoint, exported, unsent, dropped, refused);
        }
    }

    private static String readable(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
