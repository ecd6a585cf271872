package dev.agentmeter.operations;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The arguments of one call, as decoded from JSON (MCP tool arguments, a request body, query parameters),
 * with the contract's type and range checks. Every check answers a {@link Checked} value, never throws.
 */
public final class Arguments {


    // One shared answer for every absent optional argument: a task checks a dozen, most of them absent.
    private static final Checked<?> ABSENT = Checked.valid(null);

    private final Map<String, ?> values;

    private Arguments(Map<String, ?> values) {
        this.values = values == null ? Map.of() : values;
    }

    public static Arguments of(Map<String, ?> values) {
        return new Arguments(values);
    }

    /** The members of a decoded JSON object (whose keys are always strings). */
    @SuppressWarnings("unchecked")
    public static Arguments ofJsonObject(Map<?, ?> object) {
        return new Arguments((Map<String, ?>) object);
    }

    public static Arguments none() {
        return new Arguments(Map.of());
    }

    /** The first argument not in {@code allowed}, if any: a typo should be an error, not silently ignored. */
    public Optional<String> unknownArgument(List<String> allowed) {
        return firstNotIn(allowed::contains);
    }

    /**
     * {@link #unknownArgument(List)} with the allowed names as a set: the check of every reported task, where
     * a lookup by hash beats comparing each key with every allowed name.
     */
    public Optional<String> unknownArgument(Set<String> allowed) {
        return firstNotIn(allowed::contains);
    }

    /** The first key, in alphabetical order, that {@code allowed} refuses. */
    private Optional<String> firstNotIn(Predicate<String> allowed) {
        // A loop, not a stream: every reported task passes here, and the stream was a tenth of its checking.
        String first = null;
        for (String key : values.keySet()) {
            if (!allowed.test(key) && (first == null || key.compareTo(first) < 0)) {
                first = key;
            }
        }
        return Optional.ofNullable(first);
    }

    /** A whole number of at least 1; above {@code cap} it is clamped to {@code cap}. */
    public Checked<Integer> limit(String key, int defaultValue, int cap) {
        Object raw = values.get(key);
        if (raw == null) {
            return Checked.valid(Math.min(defaultValue, cap));
        }
        Optional<BigInteger> whole = JsonValues.wholeNumber(raw);
        if (whole.isEmpty()) {
            return Checked.invalid(key + " must be an integer, got " + JsonValues.describe(raw));
        }
        BigInteger value = whole.get();
        if (value.signum() <= 0) {
            return Checked.invalid(key + " must be at least 1, got " + value);
        }
        return Checked.valid(value.min(BigInteger.valueOf(cap)).intValue());
    }

    /** A finite number between {@code min} and {@code max}, inclusive. */
    public Checked<Double> number(String key, double defaultValue, double min, double max, String unit) {
        Object raw = values.get(key);
        if (raw == null) {
            return Checked.valid(defaultValue);
        }
        if (!(raw instanceof Number number) || raw instanceof Byte) {
            return Checked.invalid(key + " must be a number of " + unit + ", got " + JsonValues.describe(raw));
        }
        double value = number.doubleValue();
        if (!Double.isFinite(value)) {
            return Checked.invalid(key + " must be a finite number of " + unit + ", got " + value);
        }
        if (value < min || value > max) {
            return Checked.invalid(key + " must be between " + JsonValues.plain(min) + " and "
                    + JsonValues.plain(max) + " " + unit + " (got " + JsonValues.plain(value) + ")");
        }
        return Checked.valid(value);
    }

    public Checked<Boolean> bool(String key, boolean defaultValue) {
        Object raw = values.get(key);
        if (raw == null) {
            return Checked.valid(defaultValue);
        }
        if (raw instanceof Boolean value) {
            return Checked.valid(value);
        }
        return Checked.invalid(key + " must be a boolean (true or false), got " + JsonValues.describe(raw));
    }

    /** An optional whole number between {@code min} and {@code max}, inclusive; {@code null} when absent. */
    public Checked<Long> optionalWholeNumber(String key, long min, long max) {
        Object raw = values.get(key);
        if (raw == null) {
            return absent();
        }
        if (raw instanceof Long || raw instanceof Integer || raw instanceof Short) {
            // The usual case, without a BigInteger: the same range check and message.
            long value = ((Number) raw).longValue();
            return value < min || value > max
                    ? Checked.invalid(key + " must be between " + min + " and " + max + " (got " + value + ")")
                    : Checked.valid(value);
        }
        Optional<BigInteger> whole = JsonValues.wholeNumber(raw);
        if (whole.isEmpty()) {
            return Checked.invalid(key + " must be an integer or null, got " + JsonValues.describe(raw));
        }
        BigInteger value = whole.get();
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            return Checked.invalid(key + " must be between " + min + " and " + max + " (got " + value + ")");
        }
        return Checked.valid(value.longValueExact());
    }

    /** An optional finite number between {@code min} and {@code max}, inclusive; {@code null} when absent. */
    public Checked<Double> optionalNumber(String key, double min, double max, String unit) {
        return values.get(key) == null ? absent() : number(key, 0, min, max, unit);
    }

    /**
     * An optional OpenTelemetry trace id: 32 hex digits, not all zero (the W3C Trace Context rule); given
     * back in lowercase, {@code null} when absent.
     */
    public Checked<String> optionalTraceId(String key) {
        Object raw = values.get(key);
        return raw == null ? absent() : TraceIds.check(key, raw);
    }

    /** A required finite number between {@code min} and {@code max}, inclusive. */
    public Checked<Double> requiredNumber(String key, double min, double max, String unit) {
        return values.get(key) == null ? Checked.invalid(key + " is required") : number(key, 0, min, max, unit);
    }

    public Checked<Boolean> requiredBool(String key) {
        return values.get(key) == null ? Checked.invalid(key + " is required") : bool(key, false);
    }

    /** An optional name to look up (absent or JSON null gives {@code null}), with the rules of {@link TaskNames}. */
    public Checked<String> optionalName(String key) {
        Object raw = values.get(key);
        if (raw == null) {
            return absent();
        }
        if (!(raw instanceof String text)) {
            return Checked.invalid(key + " must be a string or null, got " + JsonValues.describe(raw));
        }
        return TaskNames.sanitize(key, text);
    }

    /** An optional name to record under (absent or JSON null gives {@code null}): {@link TaskNames#sanitizeNew}. */
    public Checked<String> optionalNewName(String key) {
        Checked<String> name = optionalName(key);
        return name instanceof Checked.Valid<String> valid && valid.value() != null
                ? TaskNames.sanitizeNew(key, valid.value()) : name;
    }

    /**
     * Optional free text (absent or JSON null gives {@code null}): control characters are stripped and it is
     * cut to {@code maxLength} characters, since losing the end of a long message beats losing the task.
     */
    public Checked<String> optionalText(String key, int maxLength) {
        Object raw = values.get(key);
        if (raw == null) {
            return absent();
        }
        if (!(raw instanceof String text)) {
            return Checked.invalid(key + " must be a string or null, got " + JsonValues.describe(raw));
        }
        String printable = TaskNames.printable(text).strip();
        if (printable.codePointCount(0, printable.length()) > maxLength) {
            printable = printable.substring(0, printable.offsetByCodePoints(0, maxLength));
        }
        return Checked.valid(printable.isEmpty() ? null : printable);
    }

    /** A required name to record a task under: {@link TaskNames#sanitizeNew}. */
    public Checked<String> newTaskName(String key) {
        Checked<String> name = taskName(key);
        return name instanceof Checked.Valid<String> valid ? TaskNames.sanitizeNew(key, valid.value()) : name;
    }

    /** A required task name to look up, sanitized by {@link TaskNames}. */
    public Checked<String> taskName(String key) {
        Object raw = values.get(key);
        if (raw == null) {
            return Checked.invalid(key + " is required");
        }
        if (!(raw instanceof String text)) {
            return Checked.invalid(key + " must be a string, got " + JsonValues.describe(raw));
        }
        return TaskNames.sanitize(key, text);
    }

    /** An optional task name, sanitized by {@link TaskNames}; empty when absent. */
    public Checked<Optional<String>> optionalTaskName(String key) {
        if (values.get(key) == null) {
            return Checked.valid(Optional.empty());
        }
        Checked<String> name = taskName(key);
        return name instanceof Checked.Invalid<String> invalid ? Checked.invalid(invalid.message())
                : Checked.valid(Optional.of(((Checked.Valid<String>) name).value()));
    }

    /**
     * A time window written as a whole number of seconds, minutes or hours ({@code 30s}, {@code 15m},
     * {@code 1h}): at least one second; above {@code max} it is clamped to {@code max}.
     */
    public Checked<Duration> window(String key, Duration defaultValue, Duration max) {
        Object raw = values.get(key);
        if (raw == null) {
            return Checked.valid(min(defaultValue, max));
        }
        return Windows.parse(key, raw).map(window -> min(window, max));
    }

    @SuppressWarnings("unchecked")
    private static <T> Checked<T> absent() {
        return (Checked<T>) ABSENT;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
