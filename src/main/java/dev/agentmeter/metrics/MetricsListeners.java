package dev.agentmeter.metrics;

import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Who hears of each change to a {@link PerformanceMetrics}, and when: every event goes into one queue in the
 * order the changes were made, and one thread at a time delivers the queue to every listener, in that order.
 * Hand-written (a few lines of the "drain by whoever holds the flag" pattern) because the JDK's executors would
 * need a thread of their own, and a listener must see recording, fold-in and reset in one total order.
 *
 * <p>A thread that {@linkplain #hold() holds} events (the recorder, while it holds its lock) only queues them;
 * they are delivered once it lets go, so no listener ever runs under a caller's lock: one that records or resets
 * cannot deadlock, and one that is slow never delays a reset. A listener that records is not re-entered: its
 * event joins the queue and the loop already running delivers it next.
 *
 * <p>Thread-safe, lock-free: listeners are added and removed at any time (copy-on-write list). The queue holds
 * at most the events of the recordings in progress (each adds at most its batch before delivering).
 */
final class MetricsListeners {

    private static final System.Logger log = System.getLogger(MetricsListeners.class.getName());

    // Added to at wiring time and by subscribers; read by the delivering thread.
    private final List<Consumer<MetricsEvent>> listeners = new CopyOnWriteArrayList<>();
    // Offered by every changing thread; polled by the one delivering thread.
    private final Queue<MetricsEvent> pending = new ConcurrentLinkedQueue<>();
    // Set by the thread that delivers the queue now, cleared when it has emptied it.
    private final AtomicBoolean delivering = new AtomicBoolean();
    // This thread's hold, reused so that recording allocates none: written and read by that thread only.
    private final ThreadLocal<Hold> holds = ThreadLocal.withInitial(Hold::new);

    void add(Consumer<MetricsEvent> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    void remove(Consumer<MetricsEvent> listener) {
        listeners.remove(listener);
    }

    /** Whether anybody listens: when nobody does, the recording path is spared building an event. */
    boolean any() {
        return !listeners.isEmpty();
    }

    /** Queues {@code event}, and delivers the queue unless this thread holds events back. */
    void publish(MetricsEvent event) {
        pending.add(event);
        if (holds.get().depth == 0) {
            deliver();
        }
    }

    /** Holds back the delivery of this thread's events until the returned hold is closed (holds nest). */
    EventHold hold() {
        Hold hold = holds.get();
        hold.depth++;
        return hold;
    }

    private void deliver() {
        // Re-checked after letting go: an event queued while this thread was finishing is not left behind.
        while (!pending.isEmpty() && delivering.compareAndSet(false, true)) {
            try {
                for (MetricsEvent event = pending.poll(); event != null; event = pending.poll()) {
                    deliverToEach(event);
                }
            } finally {
                delivering.set(false);
            }
        }
    }

    /** One thread's holds; confined to that thread. */
    private final class Hold implements EventHold {
        // How many holds this thread has open.
        private int depth;

        @Override
        public void close() {
            if (--depth == 0) {
                deliver();
            }
        }
    }

    private void deliverToEach(MetricsEvent event) {
        for (Consumer<MetricsEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                // One broken listener must not starve the others nor fail the recording that raised the event.
                log.log(System.Logger.Level.ERROR, "A metrics listener failed on " + event.getClass().getSimpleName(),
                        e);
            }
        }
    }
}
