package dev.agentmeter.web;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agentmeter.metrics.MetricsEvent;
import dev.agentmeter.operations.AlertOperations;
import dev.agentmeter.operations.AlertSource;
import dev.agentmeter.operations.Envelope;
import dev.agentmeter.operations.ErrorCode;
import dev.agentmeter.operations.JsonCodec;
import dev.agentmeter.operations.PerformanceOperations;

/**
 * {@code GET /api/events}: the live dashboard as server-sent events. A new client gets a snapshot at once;
 * after that, a change to the figures only raises a flag, and one scheduler thread, once per interval, builds
 * the snapshot's JSON once and hands it to every client. So however many tasks arrive, each client gets at
 * most one event per interval, and recording never waits for a client. A heartbeat comment keeps idle
 * streams open through proxies. Open streams are capped; one more is answered 503.
 *
 * <p>Thread-safe. {@link #start} and {@link #stop} once each.
 */
final class EventStream {

    private static final Logger log = LoggerFactory.getLogger(EventStream.class);

    private final PerformanceOperations operations;
    private final AlertOperations alerts;
    private final JsonCodec json;
    private final EnvelopeResponder responder;
    private final int maxStreams;
    private final Duration interval;
    private final Duration heartbeat;
    private final ScheduledExecutorService scheduler;
    private final Consumer<MetricsEvent> onChange;
    // Raised by recording threads on every change; lowered by the scheduler when it builds a snapshot.
    private final AtomicBoolean changed = new AtomicBoolean();
    // Added to by request threads, removed from by whichever thread closes a stream; read by the scheduler.
    private final Set<EventClient> clients = ConcurrentHashMap.newKeySet();
    // Streams admitted and not yet closed: raised by request threads, lowered when a stream closes.
    private final AtomicInteger openStreams = new AtomicInteger();

    EventStream(PerformanceOperations operations, JsonCodec json, int maxStreams, Duration interval, Duration heartbeat) {
        this(operations, new AlertOperations(AlertSource.NONE), json, maxStreams, interval, heartbeat);
    }

    /** Every event also carries the firing {@code alerts}; call {@link #onAlertChange} when they change. */
    EventStream(PerformanceOperations operations, AlertOperations alerts, JsonCodec json, int maxStreams,
                Duration interval, Duration heartbeat) {
        this.operations = operations;
        this.alerts = alerts;
        this.json = json;
        this.responder = new EnvelopeResponder(json);
        this.maxStreams = maxStreams;
        this.interval = interval;
        this.heartbeat = heartbeat;
        this.onChange = event -> changed.set(true);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "agentmeter-events");
            thread.setDaemon(true);
            return thread;
        });
    }

    void start() {
        operations.addEventListener(onChange);
        scheduler.scheduleWithFixedDelay(this::publishIfChanged, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        scheduler.scheduleAtFixedRate(this::ping, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Closes every stream and stops pushing; open streams do not delay the server's stop. */
    void stop() {
        operations.removeEventListener(onChange);
        scheduler.shutdownNow();
        clients.forEach(EventClient::close);
    }

    /** Opens a stream for {@code exchange}, or answers 503 when the cap is reached. */
    void open(ApiExchange exchange) {
        if (openStreams.incrementAndGet() > maxStreams) {
            openStreams.decrementAndGet();
            responder.send(exchange, new Envelope.Failure(ErrorCode.UNAVAILABLE,
                    "too many event streams are open (" + maxStreams + "); try again later"));
            return;
        }
        EventSink sink;
        try {
            sink = exchange.openEventStream();
        } catch (RuntimeException e) {
            openStreams.decrementAndGet();
            throw e;
        }
        var client = new EventClient(sink, this::forget);
        clients.add(client);
        sink.listen(client);
        try {
            // Built on the scheduler thread like every other snapshot, so a later one is always newer.
            scheduler.execute(() -> sendSnapshot(client));
        } catch (RejectedExecutionException e) {
            client.close();
        }
    }

    /** An alert fired or resolved: the next interval pushes a snapshot even if no task arrived. */
    void onAlertChange() {
        changed.set(true);
    }

    /** Streams open now. */
    int openStreams() {
        return openStreams.get();
    }

    private void forget(EventClient client) {
        if (clients.remove(client)) {
            openStreams.decrementAndGet();
        }
    }

    private void sendSnapshot(EventClient client) {
        try {
            client.offerSnapshot(snapshotFrame());
        } catch (RuntimeException e) {
            log.error("Could not build the live dashboard snapshot for a new event stream", e);
            client.close();
        }
    }

    private void publishIfChanged() {
        if (!changed.getAndSet(false) || clients.isEmpty()) {
            return;
        }
        try {
            byte[] frame = snapshotFrame();
            clients.forEach(client -> client.offerSnapshot(frame));
        } catch (RuntimeException e) {
            // Caught so the schedule goes on: an escaped exception would cancel it for good.
            log.error("Could not publish the live dashboard snapshot", e);
        }
    }

    private void ping() {
        clients.forEach(EventClient::offerPing);
    }

    private byte[] snapshotFrame() {
        Map<String, Object> payload = json.asMap(operations.liveView());
        payload.put("alerts", alerts.active());
        return EventFrames.dashboard(json.write(payload));
    }
}
