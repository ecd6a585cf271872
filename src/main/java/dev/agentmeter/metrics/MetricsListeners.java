package dev.agentmeter.metrics;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Who hears of each change to a {@link PerformanceMetrics}: change listeners (told that something changed)
 * and event listeners (told what). Listeners run on the thread that made the change and must return at once.
 *
 * <p>Thread-safe: listeners are added and removed at any time (copy-on-write lists).
 */
final class MetricsListeners {

    // Added to at wiring time and by subscribers; read after every change.
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    // Added to at wiring time and by subscribers; read after every change.
    private final List<Consumer<MetricsEvent>> eventListeners = new CopyOnWriteArrayList<>();

    void addChangeListener(Runnable listener) {
        changeListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    void removeChangeListener(Runnable listener) {
        changeListeners.remove(listener);
    }

    void addEventListener(Consumer<MetricsEvent> listener) {
        eventListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    void removeEventListener(Consumer<MetricsEvent> listener) {
        eventListeners.remove(listener);
    }

    /** Whether anybody listens: when nobody does, the recording path is spared building an event. */
    boolean any() {
        return !changeListeners.isEmpty() || !eventListeners.isEmpty();
    }

    void notify(MetricsEvent event) {
        changeListeners.forEach(Runnable::run);
        eventListeners.forEach(listener -> listener.accept(event));
    }
}
