package dev.agentmeter.operations;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The contract's timestamps: ISO-8601 in UTC with milliseconds, always the same width. */
public final class IsoTimestamps {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

    private IsoTimestamps() {
    }

    /** {@code null} stays {@code null}: the contract shows "never" as JSON null. */
    public static String format(Instant instant) {
        return instant == null ? null : FORMAT.format(instant);
    }
}
