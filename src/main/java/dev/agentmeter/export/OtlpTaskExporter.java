package dev.agentmeter.export;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import dev.agentmeter.metrics.MetricsEvent;
import dev.agentmeter.metrics.TaskRecord;
import dev.agentmeter.retry.Backoff;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Sends every task it is given as an OpenTelemetry span ({@link TaskSpans}) over OTLP/HTTP, through the SDK's
 * exporter, from a thread of its own. Giving it a task only queues it ({@link TaskQueue}: bounded, never waits, a
 * task that finds it full is dropped and counted), so a receiver that is slow, down or failing never delays
 * recording. The worker sends a batch once {@link OtlpExportOptions#maxBatch()} tasks wait, or every
 * {@link OtlpExportOptions#scheduleDelay()}. A batch the receiver cannot take for now (429, 502-504, no answer)
 * is kept and sent again after a backoff, until it goes through; one it refuses for good (any other answer) is
 * dropped and counted. Dropping and failing are each logged once when they start and once when they end
 * ({@link OtlpExportLog}).
 *
 * <p>Thread-safe: any thread may offer (lock-free); one worker thread exports; {@link #close} flushes within a
 * bound and is idempotent.
 */
public final class OtlpTaskExporter implements AutoCloseable {

    /** How often the worker looks at the drop count while it waits. */
    private static final long LOOK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** Past the SDK's own timeout, an export that has not answered is taken as failed. */
    private static final long ANSWER_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private enum Outcome { SENT, REFUSED, RETRY, ABANDONED }

    private final String endpoint;
    private final OtlpExportOptions options;
    private final TaskQueue queue;
    private final TaskSpans spans;
    private final SpanExporter exporter;
    private final OtlpExportLog log;
    private final Backoff backoff;
    private final Thread worker;
    private final AtomicBoolean closed = new AtomicBoolean();
    // Written once by the closing thread before closing is set; read by the worker.
    private volatile long flushDeadlineNanos;
    private volatile boolean closing;
    // Written by the worker only; read by view() from any thread.
    private volatile int inFlight;
    private volatile long exported;
    private volatile long refused;
    // The worker's alone.
    private long unsentAtStop;

    private OtlpTaskExporter(OtlpDestination destination, TaskSpans spans, OtlpExportOptions options) {
        this.endpoint = destination.endpointForDisplay();
        this.options = options;
        this.queue = new TaskQueue(options.queueCapacity());
        this.spans = spans;
        this.exporter = OtlpHttpExporters.of(destination, options);
        this.log = new OtlpExportLog(endpoint, options, System::nanoTime);
        this.backoff = new Backoff(options.firstBackoff(), options.maxBackoff());
        this.worker = new Thread(this::exportUntilClosed, "agentmeter-otlp-export");
        this.worker.setDaemon(true);
    }

    /**
     * Starts exporting to {@code destination}.
     *
     * @param origin         what the tasks are, which decides their spans' attributes
     * @param serviceVersion AgentMeter's version, on every span's resource
     */
    public static OtlpTaskExporter start(OtlpDestination destination, TaskOrigin origin, String serviceVersion,
                                         OtlpExportOptions options) {
        var exporter = new OtlpTaskExporter(destination, new TaskSpans(origin, serviceVersion, IdGenerator.random()),
                options);
        exporter.worker.start();
        exporter.log.started();
        return exporter;
    }

    /** Feeds the exporter from the core; give it to {@code PerformanceMetrics.addEventListener}. */
    public void onMetricsEvent(MetricsEvent event) {
        // A task folded in from another instance is that one's to export: sending it again counts it twice.
        if (event instanceof MetricsEvent.TaskRecorded recorded && !recorded.foldedIn()) {
            offer(recorded.task());
        }
    }

    /** Queues a task without waiting; when the queue is full the task is dropped and counted. */
    public void offer(TaskRecord task) {
        if (queue.offer(task) == options.maxBatch()) {
            LockSupport.unpark(worker); // a full batch need not wait for the schedule
        }
    }

    /** How export is going. */
    public OtlpExportView view() {
        return new OtlpExportView(endpoint, queue.size(), queue.capacity(), inFlight, exported, queue.dropped(),
                refused, log.failing());
    }

    @Override
    public void close() {
        close(options.flushBound());
    }

    /** Stops taking tasks, sends what is queued for at most {@code flushBound}, then stops the worker. */
    public void close(Duration flushBound) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        queue.close();
        flushDeadlineNanos = System.nanoTime() + flushBound.toNanos();
        closing = true;
        LockSupport.unpark(worker);
        try {
            worker.join(flushBound.toMillis() + 500);
            if (worker.isAlive()) {
                worker.interrupt();
                worker.join(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exporter.shutdown();
    }

    private void exportUntilClosed() {
        try {
            while (!(closing && (queue.size() == 0 || pastFlushDeadline()))) {
                awaitBatch();
                List<TaskRecord> batch = queue.drain(options.maxBatch());
                if (!batch.isEmpty()) {
                    deliver(batch);
                }
                lookAtDrops();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        unsentAtStop += queue.size() + inFlight;
        log.stopped(exported, unsentAtStop, queue.dropped(), refused);
    }

    /** Waits until a batch is full, the schedule says to send, or the exporter closes. */
    private void awaitBatch() {
        long until = System.nanoTime() + options.scheduleDelay().toNanos();
        long left;
        while (!closing && queue.size() < options.maxBatch() && (left = until - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, Math.min(left, LOOK_NANOS));
            lookAtDrops();
        }
    }

    private void deliver(List<TaskRecord> batch) throws InterruptedException {
        inFlight = batch.size();
        List<SpanData> data = batch.stream().<SpanData>map(spans::of).toList();
        while (true) {
            Outcome outcome = exportOnce(data);
            if (outcome == Outcome.SENT) {
                exported += data.size();
                backoff.reset();
                break;
            }
            if (outcome == Outcome.REFUSED) {
                refused += data.size();
                break;
            }
            if (outcome == Outcome.ABANDONED || !pause(backoff.nextWait())) {
                unsentAtStop += data.size();
                break;
            }
        }
        inFlight = 0;
    }

    private Outcome exportOnce(List<SpanData> data) throws InterruptedException {
        CompletableResultCode result = exporter.export(data);
        var answered = new CountDownLatch(1);
        result.whenComplete(answered::countDown);
        long giveUpAt = System.nanoTime() + options.exportTimeout().toNanos() + ANSWER_GRACE_NANOS;
        while (!answered.await(LOOK_NANOS, TimeUnit.NANOSECONDS)) {
            lookAtDrops();
            if (closing && pastFlushDeadline()) {
                return Outcome.ABANDONED;
            }
            if (System.nanoTime() - giveUpAt > 0) {
                return failed(new ExportFailures.Failure(true, "no answer within "
                        + options.exportTimeout().toMillis() + " ms"));
            }
        }
        if (result.isSuccess()) {
            log.sent();
            return Outcome.SENT;
        }
        return failed(ExportFailures.classify(result.getFailureThrowable()));
    }

    private Outcome failed(ExportFailures.Failure failure) {
        if (failure.retryable()) {
            log.retrying(failure.reason());
            return Outcome.RETRY;
        }
        log.refused(failure.reason());
        return Outcome.REFUSED;
    }

    /** Waits before a retry; false when the exporter closes and its flush time runs out first. */
    private boolean pause(Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
        long left;
        while ((left = until - System.nanoTime()) > 0) {
            if (closing && pastFlushDeadline()) {
                return false;
            }
            LockSupport.parkNanos(this, Math.min(left, LOOK_NANOS));
            lookAtDrops();
        }
        return !(closing && pastFlushDeadline());
    }

    private boolean pastFlushDeadline() {
        return System.nanoTime() - flushDeadlineNanos >= 0;
    }

    private void lookAtDrops() {
        log.lookAtDrops(queue.dropped());
    }
}
