package dev.agentmeter.metrics;

/**
 * While open, the events this thread raises in a {@link PerformanceMetrics} are queued, not delivered; closing
 * the outermost hold delivers them. Open one around a lock so that no listener runs while the lock is held.
 * Not thread-safe: close it on the thread that opened it, once.
 */
@FunctionalInterface
public interface EventHold extends AutoCloseable {

    @Override
    void close();
}
