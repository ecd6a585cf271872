package dev.agentmeter.storage;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a retention period as the command line writes it: {@code 90s}, {@code 30m}, {@code 12h}, {@code 7d}
 * or {@code forever}.
 */
public final class RetentionPeriod {

    /** Keep every row. */
    public static final String FOREVER = "forever";

    private static final Pattern FORMAT = Pattern.compile("([1-9][0-9]{0,8})([smhd])");

    private RetentionPeriod() {
    }

    /**
     * The period {@code text} names: empty for {@link #FOREVER}.
     *
     * @throws IllegalArgumentException with a message saying what is expected
     */
    public static Optional<Duration> parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.equalsIgnoreCase(FOREVER)) {
            return Optional.empty();
        }
        var match = FORMAT.matcher(trimmed);
        if (!match.matches()) {
            throw new IllegalArgumentException("retention must be a positive number followed by s, m, h or d "
                    + "(such as 7d), or 'forever'; was '" + trimmed + "'");
        }
        long amount = Long.parseLong(match.group(1));
        return Optional.of(switch (match.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        });
    }
}
