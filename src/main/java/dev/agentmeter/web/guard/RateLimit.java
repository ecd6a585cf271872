package dev.agentmeter.web.guard;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many requests one client address may send: {@code permitsPerSecond} on average, with bursts of up to
 * {@code burst} at once. {@link #OFF} sets no limit.
 *
 * @param permitsPerSecond the steady rate; 0 with {@link #OFF}
 * @param burst            requests allowed at once after a quiet spell
 */
public record RateLimit(double permitsPerSecond, int burst) {

    /** No limit at all. */
    public static final RateLimit OFF = new RateLimit(0, 0);

    /** The command line's default: 200 requests a second, in bursts of up to 200. */
    public static final String DEFAULT = "200/s";

    private static final Pattern SPEC = Pattern.compile("(\\d{1,9})\\s*/\\s*(s|sec|second|m|min|minute)");

    public RateLimit {
        if (permitsPerSecond < 0 || burst < 0 || (permitsPerSecond == 0) != (burst == 0)) {
            throw new IllegalArgumentException("a rate limit needs a positive rate and burst, or neither");
        }
    }

    /**
     * Reads {@code N/s} or {@code N/m} (N requests a second or a minute; a burst of N), or {@code off}.
     *
     * @throws IllegalArgumentException with a message fit for the command line when {@code spec} is neither
     */
    public static RateLimit parse(String spec) {
        String text = spec.strip().toLowerCase(Locale.ROOT);
        if (text.equals("off")) {
            return OFF;
        }
        Matcher matcher = SPEC.matcher(text);
        if (!matcher.matches() || Integer.parseInt(matcher.group(1)) == 0) {
            throw new IllegalArgumentException("a rate limit is N/s or N/m with N at least 1 (such as 200/s), "
                    + "or off; was '" + spec + "'");
        }
        int count = Integer.parseInt(matcher.group(1));
        double perSecond = matcher.group(2).startsWith("s") ? count : count / 60.0;
        return new RateLimit(perSecond, count);
    }

    public boolean isOff() {
        return burst == 0;
    }

    /** The limit as the command line writes it: {@code 200/s}, {@code 60/m} or {@code off}. */
    public String spec() {
        if (isOff()) {
            return "off";
        }
        return burst + (permitsPerSecond == burst ? "/s" : "/m");
    }
}
