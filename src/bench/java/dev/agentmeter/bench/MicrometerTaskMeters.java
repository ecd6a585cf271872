package dev.agentmeter.bench;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The peer a Java user would reach for: a Micrometer {@link Timer} per task name with a percentile
 * histogram and client-side p50/p95/p99, plus a failure {@link Counter}, both cached per name as a user
 * would (registering on every call would be slower still).
 *
 * <p>Thread-safe, as Micrometer's meters are.
 */
final class MicrometerTaskMeters {

    private record Meters(Timer timer, Counter failures) {
    }

    private final MeterRegistry registry = new SimpleMeterRegistry();
    // Filled on first use of a name by any recording thread; read by all of them.
    private final ConcurrentHashMap<String, Meters> byName = new ConcurrentHashMap<>();

    void record(String name, Duration duration, boolean success) {
        Meters meters = byName.get(name);
        if (meters == null) {
            meters = byName.computeIfAbsent(name, this::register);
        }
        meters.timer().record(duration);
        if (!success) {
            meters.failures().increment();
        }
    }

    MeterRegistry registry() {
        return registry;
    }

    private Meters register(String name) {
        Timer timer = Timer.builder("agent.task")
                .tag("task", name)
                .publishPercentileHistogram()
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
        Counter failures = Counter.builder("agent.task.failures").tag("task", name).register(registry);
        return new Meters(timer, failures);
    }
}
