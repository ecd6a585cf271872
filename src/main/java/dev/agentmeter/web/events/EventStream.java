package dev.agentmeter.web.events;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
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
import dev.agentmeter.operations.Arguments;
import dev.agentmeter.operations.Checked;
import dev.agentmeter.operations.Envelope;
import dev.agentmeter.operations.ErrorCode;
import dev.agentmeter.operations.JsonCodec;
import dev.agentmeter.operations.LiveViews;
import dev.agentmeter.operations.PerformanceOperations;
import dev.agentmeter.web.api.ApiExchange;
import dev.agentmeter.web.api.EnvelopeResponder;
import dev.agentmeter.web.api.RequestArguments;

/**
 * {@code GET /api/events}: the live dashboard as server-sent events, of every agent or, with {@code ?agent=},
 * of one agent's tasks (see {@link LiveViews}), so a filtered page is pushed its own view and never refetches.
 * A new client gets a snapshot at once; after that, a change to the figures only raises a flag, and one
 * scheduler thread, once per interval, builds each distinct view's JSON once and hands it to its clients
 * (at most one view per open stream). So however many tasks arrive, each client gets at most one event per
 * interval, and recording never waits for a client. A heartbeat comment keeps idle streams open through
 * proxies. Open streams are capped; one more is answered 503.
 *
 * <p>Thread-safe. {@link #start} and {@link #stop} once each.
 */
public final class EventStream {

    private static final Logger log = LoggerFactory.getLogger(EventStream.class);

    private final PerformanceOperations operations;
    private final LiveViews views;
    private final RequestArguments arguments;
    private final JsonCodec json;
    private final EnvelopeResponder responder;
    private final int maxStreams;
    private final Duration interval;
    private final Duration heartbeat;
    private final ScheduledExecutorService scheduler;
    private final Consumer<MetricsEvent> onChange;
    // Raised by recording threads on every change; lowered by the scheduler when it builds a snapshot.
    private final AtomicBoolean changed = new AtomicBoolean();
    // Each open stream and the agent it follows (empty for all). Added to by request threads, removed from by
    // whichever thread closes a stream; read by the scheduler. At most maxStreams entries.
    private final Map<EventClient, Optional<String>> clients = new ConcurrentHashMap<>();
    // Streams admitted and not yet closed: raised by request threads, lowered when a stream closes.
    private final AtomicInteger openStreams = new AtomicInteger();

    public EventStream(PerformanceOperations operations, JsonCodec json, int maxStreams, Duration interval,
                       Duration heartbeat) {
        this(operations, new AlertOperations(AlertSource.NONE), json, maxStreams, interval, heartbeat);
    }

    /** Every event also carries the firing {@code alerts}; call {@link #onAlertChange} when they change. */
    public EventStream(PerformanceOperations operations, AlertOperations alerts, JsonCodec json, int maxStreams,
                Duration interval, Duration heartbeat) {
        this.operations = operations;
        this.views = new LiveViews(operations, alerts);
        this.arguments = new RequestArguments(json);
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

    public void start() {
        operations.addEventListener(onChange);
        scheduler.scheduleWithFixedDelay(this::publishIfChanged, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        scheduler.scheduleAtFixedRate(this::ping, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Closes every stream and stops pushing; open streams do not delay the server's stop. */
    public void stop() {
        operations.removeEventListener(onChange);
        scheduler.shutdownNow();
        clients.keySet().forEach(EventClient::close);
    }

    /**
     * Opens a stream for {@code exchange}, of the agent its query names if any; answers 400 when the query is
     * wrong, 503 when the cap is reached.
     */
    public void open(ApiExchange exchange) {
        Checked<String> agent = agentFilter(exchange);
        if (agent instanceof Checked.Invalid<String> invalid) {
            responder.send(exchange, Envelope.invalidArgument(invalid.message()));
            return;
        }
        Optional<String> audience = Optional.ofNullable(((Checked.Valid<String>) agent).value());
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
        clients.put(client, audience);
        sink.listen(client);
        try {
            // Built on the scheduler thread like every other snapshot, so a later one is always newer.
            scheduler.execute(() -> sendSnapshot(client, audience));
        } catch (RejectedExecutionException e) {
            client.close();
        }
    }

    /** An alert fired or resolved: the next interval pushes a snapshot even if no task arrived. */
    public void onAlertChange() {
        changed.set(true);
    }

    /** Streams open now. */
    public int openStreams() {
        return openStreams.get();
    }

    private Checked<String> agentFilter(ApiExchange exchange) {
        RequestArguments.Extracted query = arguments.fromQuery(exchange);
        if (query instanceof RequestArguments.Refused refused) {
            return Checked.invalid(refused.failure().message());
        }
        return views.agentFilter(Arguments.of(((RequestArguments.Values) query).values()));
    }

    private void forget(EventClient client) {
        if (clients.remove(client) != null) {
            openStreams.decrementAndGet();
        }
    }

    private void sendSnapshot(EventClient client, Optional<String> agent) {
        try {
            client.offerSnapshot(snapshotFrame(agent));
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
            // One frame per distinct view, built once however many clients follow it.
            var frames = new HashMap<Optional<String>, byte[]>();
            clients.forEach((client, agent) -> client.offerSnapshot(frames.computeIfAbsent(agent,
                    this::snapshotFrame)));
        } catch (RuntimeException e) {
            // Caught so the schedule goes on: an escaped exception would cancel it for good.
            log.error("Could not publish the live dashboard snapshot", e);
        }
    }

    private void ping() {
        clients.keySet().forEach(EventClient::offerPing);
    }

    private byte[] snapshotFrame(Optional<String> agent) {
        return EventFrames.dashboard(json.write(views.of(agent.orElse(null))));
    }
}
