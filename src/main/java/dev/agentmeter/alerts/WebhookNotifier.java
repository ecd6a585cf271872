package dev.agentmeter.alerts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agentmeter.operations.IsoTimestamps;
import dev.agentmeter.operations.JsonCodec;
import dev.agentmeter.retry.Backoff;

/**
 * POSTs each transition as JSON to the {@code --alert-webhook} URL. A transition is put on a bounded queue
 * and sent by one dedicated thread, so neither recording nor evaluation ever waits for the network; a full
 * queue drops the newest notice with a warning. A failed delivery (no connection, or a status other than
 * 2xx) is retried with exponential {@link Backoff} (doubling from {@code firstBackoff} each time),
 * up to {@code maxAttempts} in all, then given up with a warning.
 *
 * <p>Thread-safe. {@link #close} stops the sender; notices still queued are dropped.
 */
public final class WebhookNotifier implements AlertListener, AutoCloseable {

    public static final int QUEUE_CAPACITY = 256;
    private static final Logger log = LoggerFactory.getLogger(WebhookNotifier.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final URI url;
    private final JsonCodec json;
    private final int maxAttempts;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
    // Filled by the evaluating thread, drained by the sender thread.
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread sender;

    /** Starts the sender thread. */
    public WebhookNotifier(URI url, JsonCodec json, int maxAttempts, Duration firstBackoff) {
        this.url = url;
        this.json = json;
        this.maxAttempts = maxAttempts;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = firstBackoff.multipliedBy(1L << Math.min(30, Math.max(0, maxAttempts - 2)));
        this.sender = new Thread(this::sendUntilClosed, "agentmeter-alert-webhook");
        sender.setDaemon(true);
        sender.start();
    }

    /** The JSON body a webhook receives for {@code transition}. */
    public static Map<String, Object> payload(AlertTransition transition) {
        AlertRule rule = transition.rule();
        var body = new LinkedHashMap<String, Object>();
        body.put("status", transition.kind().wireName());
        body.put("rule", rule.text());
        body.put("metric", rule.metric().wireName());
        body.put("task", rule.task());
        body.put("value", transition.value());
        body.put("threshold", rule.threshold());
        body.put("unit", rule.metric().unit());
        body.put("window_seconds", rule.window().toSeconds());
        body.put("since", IsoTimestamps.format(transition.since()));
        body.put("at", IsoTimestamps.format(transition.at()));
        return body;
    }

    @Override
    public void onTransition(AlertTransition transition) {
        if (!queue.offer(json.write(payload(transition)))) {
            log.warn("Alert webhook queue is full ({}); dropped the {} notice for {}", QUEUE_CAPACITY,
                    transition.kind().wireName(), transition.rule().text());
        }
    }

    @Override
    public void close() {
        sender.interrupt();
    }

    private void sendUntilClosed() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                deliver(queue.take());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(String body) throws InterruptedException {
        var backoff = new Backoff(firstBackoff, maxBackoff);
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            String problem = attempt(body);
            if (problem == null) {
                return;
            }
            if (attempt == maxAttempts) {
                log.warn("Alert webhook {} failed {} times, giving up on this notice: {}", url, maxAttempts, problem);
                return;
            }
            Duration wait = backoff.nextWait();
            log.debug("Alert webhook attempt {} failed ({}); retrying in {}", attempt, problem, wait);
            Thread.sleep(wait.toMillis());
        }
    }

    /** Null when delivered; otherwise what went wrong. */
    private String attempt(String body) throws InterruptedException {
        var request = HttpRequest.newBuilder(url)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2 ? null : "status " + status;
        } catch (IOException e) {
            return e.toString();
        }
    }
}
