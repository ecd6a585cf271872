package dev.agentmeter.logging;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.event.Level;

/**
 * The least level each logger prints: the rule of the longest logger-name prefix that matches, else the default
 * level. Libraries that repeat at INFO what the process says once are held at WARN (Jetty, the MCP SDK, Reactor),
 * the connection pool at ERROR (its own warnings repeat, with stack traces, what the store says once per outage).
 * Immutable.
 */
record LogLevels(Level defaultLevel, List<Map.Entry<String, Level>> rules) {

    /** System property naming the default level: error, warn, info, debug or trace. */
    static final String DEFAULT_LEVEL_PROPERTY = "agentmeter.log.level";

    private static final Map<String, Level> LIBRARY_RULES = Map.of(
            "org.eclipse.jetty", Level.WARN,
            "io.modelcontextprotocol", Level.WARN,
            "reactor", Level.WARN,
            "com.zaxxer.hikari", Level.ERROR);

    LogLevels {
        rules = rules.stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, Level> rule) -> rule.getKey().length()).reversed())
                .toList();
    }

    /** The library rules, with the default level from {@value #DEFAULT_LEVEL_PROPERTY} (INFO when unset or unknown). */
    static LogLevels fromSystemProperties() {
        return new LogLevels(parse(System.getProperty(DEFAULT_LEVEL_PROPERTY), Level.INFO),
                List.copyOf(LIBRARY_RULES.entrySet()));
    }

    /** The least level printed for the logger {@code name}. */
    Level threshold(String name) {
        for (Map.Entry<String, Level> rule : rules) {
            String prefix = rule.getKey();
            if (name.startsWith(prefix) && (name.length() == prefix.length() || name.charAt(prefix.length()) == '.')) {
                return rule.getValue();
            }
        }
        return defaultLevel;
    }

    private static Level parse(String value, Level fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Level.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return fallback;
        }
    }
}
