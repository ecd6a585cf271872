package dev.agentmeter.proxy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.agentmeter.metrics.TaskRecord;

/**
 * Sends recorded tasks to a central AgentMeter ({@code POST /api/tasks}) from a thread of its own, so that a slow
 * or absent central server never delays the session: {@link #offer} only queues. The queue is bounded; when it is
 * full the oldest task is dropped and counted, and drops are logged now and then, never per task. Batches of up to
 * {@value ReportBatches#MAX_BATCH} tasks; a 400 or 413 refuses a batch whole, which is logged and dropped; a 429,
 * a 5xx, any other answer or a connection failure is retried with exponential backoff. {@link #close} flushes
 * within a bound.
 *
 * <p>Thread-safe: any thread may offer; one sender thread delivers.
 */
public final class TaskReporter implements AutoCloseable {

    /** How the reporter queues, retries and logs. */
    public record Options(int capacity, Duration firstBackoff, Duration maxBackoff, Duration requestTimeout,
                          Duration dropLogInterval) {

        public static Options defaults() {
            return new Options(10_000, Duration.ofMillis(250), Duration.ofSeconds(30), Duration.ofSeconds(10),
                    Duration.ofSeconds(30));
        }
    }

    private enum Outcome { SENT, REFUSED, RETRY }

    private static final Logger log = LoggerFactory.getLogger(TaskReporter.class);

    private final URI tasksUri;
    private final String token;
    private final HttpClient http;
    private final ReportBatches batches;
    private final Options options;
    private final Backoff backoff;
    private final Thread sender;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // Guarded by lock: offered by any thread, taken by the sender.
    private final ArrayDeque<TaskRecord> queue = new ArrayDeque<>();
    // Guarded by lock: counted by offer, read by the sender and by tests.
    private long dropped;
    // Guarded by lock: set once by close, read by the sender.
    private boolean closing;
    private long flushDeadlineNanos;
    // Only the sender thread touches these.
    private long droppedLogged;
    private long lastDropLogNanos = System.nanoTime();
    private boolean failing;
    private long sent;
    private long givenUpAtClose;

    /**
     * @param centralUrl the central AgentMeter's base URL, such as {@code http://host:8080}
     * @param token      a bearer token for its API, or {@code null}
     */
    public TaskReporter(URI centralUrl, String token, ObjectMapper json, Options options) {
        this.tasksUri = tasksUri(centralUrl);
        this.token = token == null || token.isBlank() ? null : token;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        this.batches = new ReportBatches(json);
        this.options = options;
        this.backoff = new Backoff(options.firstBackoff(), options.maxBackoff());
        this.sender = new Thread(this::deliverUntilClosed, "agentmeter-reporter");
        this.sender.setDaemon(true);
    }

    static URI tasksUri(URI centralUrl) {
        String base = centralUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/tasks");
    }

    public TaskReporter start() {
        sender.start();
        log.info("reporting tasks to {}", tasksUri);
        return this;
    }

    /** Queues a task without waiting; when the queue is full the oldest task gives way. */
    public void offer(TaskRecord task) {
        lock.lock();
        try {
            if (closing) {
                dropped++;
                return;
            }
            if (queue.size() >= options.capacity()) {
                queue.pollFirst();
                dropped++;
            }
            queue.addLast(task);
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Tasks dropped so far because the queue was full (or came after close). */
    public long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    /** Tasks waiting to be sent, not counting a batch in flight. */
    public int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(2));
    }

    /** Sends what is queued, giving up after {@code flushBound}; then the sender ends. */
    public void close(Duration flushBound) {
        lock.lock();
        try {
            if (closing) {
                return;
            }
            closing = true;
            flushDeadlineNanos = System.nanoTime() + flushBound.toNanos();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            sender.join(flushBound.toMillis() + 200);
            if (sender.isAlive()) {
                sender.interrupt();
                sender.join(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliverUntilClosed() {
        try {
            for (List<TaskRecord> batch = nextBatch(); batch != null; batch = nextBatch()) {
                deliver(batch);
                logDropsNowAndThen();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long unsent = queued() + givenUpAtClose;
        if (unsent > 0 || dropped() > 0) {
            log.warn("stopped reporting to {}: {} tasks sent, {} unsent at shutdown, {} dropped (queue full)",
                    tasksUri, sent, unsent, dropped());
        }
    }

    /** The next batch, or {@code null} when closing and nothing is left (or the flush time is up). */
    private List<TaskRecord> nextBatch() throws InterruptedException {
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (closing) {
                    return null;
                }
                changed.await(options.dropLogInterval().toMillis(), TimeUnit.MILLISECONDS);
                if (queue.isEmpty()) {
                    lock.unlock();
                    try {
                        logDropsNowAndThen();
                    } finally {
                        lock.lock();
                    }
                }
            }
            if (closing && System.nanoTime() >= flushDeadlineNanos) {
                return null;
            }
            var batch = new ArrayList<TaskRecord>(Math.min(queue.size(), ReportBatches.MAX_BATCH));
            while (!queue.isEmpty() && batch.size() < ReportBatches.MAX_BATCH) {
                batch.add(queue.pollFirst());
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    private void deliver(List<TaskRecord> batch) throws InterruptedException {
        byte[] body = batches.body(batch);
        while (true) {
            switch (post(body, batch.size())) {
                case SENT -> {
                    sent += batch.size();
                    backoff.reset();
                    return;
                }
                case REFUSED -> {
                    return;
                }
                case RETRY -> {
                    if (!awaitRetry(backoff.nextWait())) {
                        givenUpAtClose += batch.size();
                        return;
                    }
                    logDropsNowAndThen();
                }
            }
        }
    }

    private Outcome post(byte[] body, int taskCount) throws InterruptedException {
        Duration timeout = requestTimeout();
        var request = HttpRequest.newBuilder(tasksUri).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        CompletableFuture<HttpResponse<Void>> answer =
                http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding());
        int status;
        try {
            status = answer.get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS).statusCode();
        } catch (ExecutionException | TimeoutException e) {
            answer.cancel(true);
            return failed(e instanceof ExecutionException && e.getCause() != null ? e.getCause().toString()
                    : e.toString());
        } catch (InterruptedException e) {
            answer.cancel(true);
            throw e;
        }
        if (status >= 200 && status < 300) {
            if (failing) {
                log.info("reporting to {} works again", tasksUri);
                failing = false;
            }
            return Outcome.SENT;
        }
        if (status == 400 || status == 413) {
            log.warn("{} refused a batch of {} tasks (HTTP {}); the batch is dropped", tasksUri, taskCount, status);
            return Outcome.REFUSED;
        }
        return failed("HTTP " + status);
    }

    private Outcome failed(String reason) {
        if (!failing) {
            log.warn("cannot report tasks to {} ({}); retrying with backoff while up to {} tasks queue up",
                    tasksUri, reason, options.capacity());
            failing = true;
        } else {
            log.debug("reporting to {} failed again: {}", tasksUri, reason);
        }
        return Outcome.RETRY;
    }

    private Duration requestTimeout() {
        lock.lock();
        try {
            if (!closing) {
                return options.requestTimeout();
            }
            long remaining = Math.max(1_000_000, flushDeadlineNanos - System.nanoTime());
            return Duration.ofNanos(Math.min(remaining, options.requestTimeout().toNanos()));
        } finally {
            lock.unlock();
        }
    }

    /** Waits before a retry; false when the reporter closes and its flush time runs out first. */
    private boolean awaitRetry(Duration wait) throws InterruptedException {
        lock.lock();
        try {
            long end = System.nanoTime() + wait.toNanos();
            while (true) {
                long now = System.nanoTime();
                if (closing && now >= flushDeadlineNanos) {
                    return false;
                }
                long remaining = end - now;
                if (remaining <= 0) {
                    return true;
                }
                changed.awaitNanos(closing ? Math.min(remaining, flushDeadlineNanos - now) : remaining);
            }
        } finally {
            lock.unlock();
        }
    }

    private void logDropsNowAndThen() {
        long droppedNow = dropped();
        long now = System.nanoTime();
        if (droppedNow > droppedLogged && now - lastDropLogNanos >= options.dropLogInterval().toNanos()) {
            log.warn("dropped {} tasks so far: the queue for {} (capacity {}) was full", droppedNow, tasksUri,
                    options.capacity());
            droppedLogged = droppedNow;
            lastDropLogNanos = now;
        }
    }
}
