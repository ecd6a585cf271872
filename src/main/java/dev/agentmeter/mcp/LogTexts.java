package dev.agentmeter.mcp;

import java.util.Locale;

/**
 * The words of the MCP log messages about the figures, for both revisions: the 2025-11-25 sessions hear them as they
 * happen ({@link LogMessages}), a 2026-07-28 request that asked for a log level hears those its own call caused.
 *
 * <p>Thread-safe (stateless).
 */
public final class LogTexts {

    /** The logger name every message carries. */
    public static final String LOGGER = "agentmeter";

    private LogTexts() {
    }

    /** A warning: a task failed. */
    public static String failedTask(String name, double responseTimeMs, String error) {
        return String.format(Locale.ROOT, "task \"%s\" failed after %.1f ms: %s", name, responseTimeMs, error);
    }

    /** A notice: a reset forgot {@code cleared} tasks. */
    public static String reset(long cleared) {
        return "metrics reset: " + cleared + " recorded task" + (cleared == 1 ? " was" : "s were") + " forgotten";
    }
}
