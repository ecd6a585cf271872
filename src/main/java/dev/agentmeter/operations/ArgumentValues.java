package dev.agentmeter.operations;

import java.time.Duration;
import java.util.Map;

/**
 * The checked arguments of one call, by name: each of its operation's arguments, its default when absent
 * ({@code null} for an optional one without default). Immutable.
 */
public record ArgumentValues(Map<String, Object> values) {

    public int limit(String name) {
        return (Integer) values.get(name);
    }

    public double number(String name) {
        return (Double) values.get(name);
    }

    public boolean flag(String name) {
        return (Boolean) values.get(name);
    }

    /** A name or text; {@code null} when an optional one was not given. */
    public String text(String name) {
        return (String) values.get(name);
    }

    public Duration window(String name) {
        return (Duration) values.get(name);
    }
}
