package dev.agentmeter.alerts;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads alert rules such as {@code error_rate > 20%}, {@code p95 > 2s}, {@code p99 > 500ms},
 * {@code error_rate > 5% for task=search} and {@code p95 > 1s window=1m}. A rule that does not parse is an
 * error whose one-line message says what is wrong and what a good rule looks like.
 *
 * <p>Stateless; thread-safe.
 */
public final class AlertRuleParser {

    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);
    public static final Duration MIN_WINDOW = Duration.ofSeconds(10);
    public static final Duration MAX_WINDOW = Duration.ofHours(1);

    private static final String EXAMPLE = "expected METRIC > THRESHOLD [for task=NAME] [window=DURATION] with "
            + "METRIC one of error_rate, p50, p95, p99, as in 'error_rate > 20%' or 'p95 > 2s for task=search "
            + "window=5m'";
    private static final Pattern RULE = Pattern.compile(
            "\\s*(?<metric>[A-Za-z_0-9]+)\\s*>\\s*(?<number>\\d+(?:\\.\\d+)?)\\s*(?<unit>%|ms|s)?"
                    + "(?:\\s+for\\s+task\\s*=\\s*(?<task>\\S.*?))?"
                    + "(?:\\s+window\\s*=\\s*(?<window>\\d{1,6})(?<windowUnit>s|m|h))?\\s*");

    private AlertRuleParser() {
    }

    /** The rule, or an {@link IllegalArgumentException} whose message is one line for the user. */
    public static AlertRule parse(String text) {
        Matcher matcher = RULE.matcher(text == null ? "" : text);
        if (!matcher.matches()) {
            throw invalid(text, EXAMPLE);
        }
        Optional<AlertMetric> metric = AlertMetric.byWireName(matcher.group("metric"));
        if (metric.isEmpty()) {
            throw invalid(text, "unknown metric '" + matcher.group("metric") + "'; " + EXAMPLE);
        }
        double threshold = threshold(text, metric.get(), Double.parseDouble(matcher.group("number")),
                matcher.group("unit"));
        String task = matcher.group("task");
        if (task != null && task.length() > 100) {
            throw invalid(text, "a task name has at most 100 characters");
        }
        return new AlertRule(text.strip(), metric.get(), threshold, task, window(text, matcher));
    }

    private static double threshold(String text, AlertMetric metric, double number, String unit) {
        if (metric == AlertMetric.ERROR_RATE) {
            if (!"%".equals(unit)) {
                throw invalid(text, "an error_rate threshold is a percentage, such as 20%");
            }
            if (number >= 100) {
                throw invalid(text, "an error_rate threshold must be below 100%");
            }
            return number;
        }
        if ("ms".equals(unit)) {
            return number;
        }
        if ("s".equals(unit)) {
            return number * 1000;
        }
        throw invalid(text, "a " + metric.wireName() + " threshold is a duration in ms or s, such as 2s or 500ms");
    }

    private static Duration window(String text, Matcher matcher) {
        if (matcher.group("window") == null) {
            return DEFAULT_WINDOW;
        }
        long amount = Long.parseLong(matcher.group("window"));
        Duration window = switch (matcher.group("windowUnit").toLowerCase(Locale.ROOT)) {
            case "h" -> Duration.ofHours(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
        if (window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0) {
            throw invalid(text, "window must be between 10s and 1h");
        }
        return window;
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("invalid alert rule '" + text + "': " + why);
    }
}
