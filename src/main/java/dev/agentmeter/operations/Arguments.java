package dev.agentmeter.operations;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The arguments of one call, as decoded from JSON (MCP tool arguments, a request body, query parameters),
 * with the contract's type and range checks. Every check answers a {@link Checked} value, never throws.
 */
public final class Arguments {

    private static final int TRACE_ID_DIGITS = 32;
    // What traceIdDigits found.
    private static final int NOT_A_TRACE_ID = 0;
    private static final int LOWER_CASE_DIGITS = 1;
    private static final int UPPER_CASE_DIGITS = 2;
    private static final Pattern WINDOW = Pattern.compile("\\s*(\\d{1,7})\\s*([smh])\\s*", Pattern.CASE_INSENSITIVE);

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
        Optional<BigInteger> whole = wholeNumber(raw);
        if (whole.isEmpty()) {
            return Checked.invalid(key + " must be an integer, got " + describe(raw));
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
            return Checked.invalid(key + " must be a number of " + unit + ", got " + describe(raw));
        }
        double value = number.doubleValue();
        if (!Double.isFinite(value)) {
            return Checked.invalid(key + " must be a finite number of " + unit + ", got " + value);
        }
        if (value < min || value > max) {
            return Checked.invalid(key + " must be between " + plain(min) + " and " + plain(max) + " " + unit
                    + " (got " + plain(value) + ")");
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
        return Checked.invalid(key + " must be a boolean (true or false), got " + describe(raw));
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
        Optional<BigInteger> whole = wholeNumber(raw);
        if (whole.isEmpty()) {
            return Checked.invalid(key + " must be an integer or null, got " + describe(raw));
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
        if (raw == null) {
            return absent();
        }
        int digits = raw instanceof String text ? traceIdDigits(text) : NOT_A_TRACE_ID;
        if (digits == NOT_A_TRACE_ID) {
            return Checked.invalid(key + " must be 32 hexadecimal digits, not all zero, got " + describe(raw));
        }
        String text = (String) raw;
        return Checked.valid(digits == LOWER_CASE_DIGITS ? text : text.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether {@code text} is 32 hex digits, not all zero, and whether any is in upper case. A loop rather
     * than a regular expression, and one pass for both answers: telemetry checks one trace id per task, and
     * two regular expressions were a seventh of the time a task took to record.
     */
    private static int traceIdDigits(String text) {
        if (text.length() != TRACE_ID_DIGITS) {
            return NOT_A_TRACE_ID;
        }
        boolean allZero = true;
        boolean upperCase = false;
        for (int i = 0; i < TRACE_ID_DIGITS; i++) {
            char c = text.charAt(i);
            boolean upper = c >= 'A' && c <= 'F';
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || upper)) {
                return NOT_A_TRACE_ID;
            }
            upperCase |= upper;
            allZero &= c == '0';
        }
        return allZero ? NOT_A_TRACE_ID : upperCase ? UPPER_CASE_DIGITS : LOWER_CASE_DIGITS;
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
            return Checked.invalid(key + " must be a string or null, got " + describe(raw));
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
            return Checked.invalid(key + " must be a string or null, got " + describe(raw));
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
            return Checked.invalid(key + " must be a string, got " + describe(raw));
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
        Matcher matcher = raw instanceof String text ? WINDOW.matcher(text) : null;
        if (matcher == null || !matcher.matches()) {
            return Checked.invalid(key + " must be a duration such as 30s, 15m or 1h, got " + describe(raw));
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration window = switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        if (window.isZero()) {
            return Checked.invalid(key + " must be at least 1s, got " + describe(raw));
        }
        return Checked.valid(min(window, max));
    }

    @SuppressWarnings("unchecked")
    private static <T> Checked<T> absent() {
        return (Checked<T>) ABSENT;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Optional<BigInteger> wholeNumber(Object raw) {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short) {
            return Optional.of(BigInteger.valueOf(((Number) raw).longValue()));
        }
        if (raw instanceof BigInteger value) {
            return Optional.of(value);
        }
        if (raw instanceof Double || raw instanceof Float || raw instanceof BigDecimal) {
            // JSON Schema counts 5.0 as an integer; 5.5, NaN and infinities are not.
            double asDouble = ((Number) raw).doubleValue();
            if (!Double.isFinite(asDouble)) {
                return Optional.empty();
            }
            BigDecimal decimal = raw instanceof BigDecimal exact ? exact : BigDecimal.valueOf(asDouble);
            if (decimal.stripTrailingZeros().scale() > 0) {
                return Optional.empty();
            }
            return Optional.of(decimal.toBigIntegerExact());
        }
        return Optional.empty();
    }

    /** The JSON type of a value, with the value itself when it is short, for error messages. */
    static String describe(Object raw) {
        if (raw instanceof String text) {
            return text.length() <= 20 ? "string \"" + TaskNames.printable(text) + "\"" : "a string";
        }
        if (raw instanceof Boolean value) {
            return "boolean " + value;
        }
        if (raw instanceof Number number) {
            return "number " + number;
        }
        if (raw instanceof Map) {
            return "an object";
        }
        if (raw instanceof List) {
            return "an array";
        }
        return "a value of an unsupported type";
    }

    private static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
