package dev.agentmeter.operations;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A time window written as a whole number of seconds, minutes or hours ({@code 30s}, {@code 15m}, {@code 1h}),
 * at least one second.
 *
 * <p>Thread-safe (stateless).
 */
final class Windows {

    private static final Pattern WINDOW = Pattern.compile("\\s*(\\d{1,7})\\s*([smh])\\s*", Pattern.CASE_INSENSITIVE);

    private Windows() {
    }

    /** {@code raw}, the value of {@code key}, as a window, or why it is none. */
    static Checked<Duration> parse(String key, Object raw) {
        Matcher matcher = raw instanceof String text ? WINDOW.matcher(text) : null;
        if (matcher == null || !matcher.matches()) {
            return Checked.invalid(key + " must be a duration such as 30s, 15m or 1h, got "
                    + JsonValues.describe(raw));
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration window = switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        if (window.isZero()) {
            return Checked.invalid(key + " must be at least 1s, got " + JsonValues.describe(raw));
        }
        return Checked.valid(window);
    }
}
