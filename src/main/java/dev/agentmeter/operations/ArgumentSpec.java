package dev.agentmeter.operations;

import java.time.Duration;
import java.util.Objects;

/**
 * One argument of an operation, declared once: its name, kind, whether it is required, its default, its range
 * and the description a client reads. The operation checks its input by it ({@link #read}); the MCP tool's
 * input schema and the JSON API's query parsing are made from it; README's reference is checked against it.
 *
 * @param defaultValue {@code Integer}, {@code Double}, {@code Boolean} or {@code Duration}; {@code null} when none
 * @param minimum      the least value ({@code LIMIT}, {@code SECONDS}); {@code null} when none
 * @param maximum      the greatest value ({@code SECONDS}), or the capacity a larger one is clamped to
 *                     ({@code LIMIT}: entries, {@code WINDOW}: seconds); {@code null} when none
 * @param unit         the unit error messages name ({@code SECONDS}); {@code null} otherwise
 */
public record ArgumentSpec(String name, ArgumentKind kind, boolean required, Object defaultValue, Number minimum,
                           Number maximum, String unit, String description) {

    public ArgumentSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
    }

    /** How many entries, at least 1, {@code defaultValue} when absent; a larger one is clamped to {@code cap}. */
    public static ArgumentSpec limit(String name, int defaultValue, int cap, String description) {
        return new ArgumentSpec(name, ArgumentKind.LIMIT, false, defaultValue, 1, cap, null, description);
    }

    /** A number of seconds from {@code min} to {@code max}, {@code defaultValue} when absent. */
    public static ArgumentSpec seconds(String name, double defaultValue, double min, double max, String description) {
        return new ArgumentSpec(name, ArgumentKind.SECONDS, false, defaultValue, min, max, "seconds", description);
    }

    public static ArgumentSpec flag(String name, boolean defaultValue, String description) {
        return new ArgumentSpec(name, ArgumentKind.FLAG, false, defaultValue, null, null, null, description);
    }

    /** A required name to record a task under, 1 to {@value TaskNames#MAX_LENGTH} characters. */
    public static ArgumentSpec newTaskName(String name, String description) {
        return new ArgumentSpec(name, ArgumentKind.NEW_TASK_NAME, true, null, null, null, null, description);
    }

    /** A required task name to look up. */
    public static ArgumentSpec taskName(String name, String description) {
        return new ArgumentSpec(name, ArgumentKind.TASK_NAME, true, null, null, null, null, description);
    }

    public static ArgumentSpec optionalTaskName(String name, String description) {
        return new ArgumentSpec(name, ArgumentKind.OPTIONAL_TASK_NAME, false, null, null, null, null, description);
    }

    public static ArgumentSpec agent(String name, String description) {
        return new ArgumentSpec(name, ArgumentKind.AGENT, false, null, null, null, null, description);
    }

    /** A window, {@code defaultValue} when absent, at least a second; a longer one is clamped to {@code cap}. */
    public static ArgumentSpec window(String name, Duration defaultValue, Duration cap, String description) {
        return new ArgumentSpec(name, ArgumentKind.WINDOW, false, defaultValue, 1, cap.toSeconds(), null,
                description);
    }

    /** This argument's value in {@code arguments}, checked by its kind's rules; the default when absent. */
    public Checked<?> read(Arguments arguments) {
        return switch (kind) {
            case LIMIT -> arguments.limit(name, (Integer) defaultValue, maximum.intValue());
            case SECONDS -> arguments.number(name, (Double) defaultValue, minimum.doubleValue(),
                    maximum.doubleValue(), unit);
            case FLAG -> arguments.bool(name, (Boolean) defaultValue);
            case NEW_TASK_NAME -> arguments.newTaskName(name);
            case TASK_NAME -> arguments.taskName(name);
            case OPTIONAL_TASK_NAME -> arguments.optionalTaskName(name).map(task -> task.orElse(null));
            case AGENT -> arguments.optionalName(name);
            case WINDOW -> arguments.window(name, (Duration) defaultValue, Duration.ofSeconds(maximum.longValue()));
        };
    }
}
