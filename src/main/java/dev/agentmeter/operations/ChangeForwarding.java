package dev.agentmeter.operations;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import dev.agentmeter.metrics.MetricsEvent;
import dev.agentmeter.metrics.PerformanceMetrics;

/**
 * Tells the transports' listeners what changed, as {@link ChangeEvent}s made from the store's events. It joins
 * the store only when the first listener comes: until then the store is spared building events nobody reads.
 *
 * <p>Thread-safe: listeners come and go at any time; events are forwarded on the recording thread.
 */
final class ChangeForwarding {

    private static final ChangeEvent USAGE_RECORDED = new ChangeEvent.UsageRecorded();

    private final PerformanceMetrics metrics;
    // Added to and removed from by the transports; read after every change by the recording thread.
    private final List<Consumer<ChangeEvent>> listeners = new CopyOnWriteArrayList<>();
    // Set once, by the first add.
    private final AtomicBoolean forwarding = new AtomicBoolean();

    ChangeForwarding(PerformanceMetrics metrics) {
        this.metrics = metrics;
    }

    void add(Consumer<ChangeEvent> listener) {
        listeners.add(listener);
        if (forwarding.compareAndSet(false, true)) {
            metrics.addEventListener(this::forward);
        }
    }

    void remove(Consumer<ChangeEvent> listener) {
        listeners.remove(listener);
    }

    private void forward(MetricsEvent event) {
        if (listeners.isEmpty()) {
            return;
        }
        ChangeEvent change;
        if (event instanceof MetricsEvent.TaskRecorded recorded) {
            change = new ChangeEvent.TaskRecorded(recorded.task().name(), recorded.task().durationMillis(),
                    recorded.task().success(), recorded.task().error());
        } else if (event instanceof MetricsEvent.MetricsReset reset) {
            change = new ChangeEvent.Reset(reset.forgottenTasks());
        } else {
            change = USAGE_RECORDED;
        }
        listeners.forEach(listener -> listener.accept(change));
    }
}
