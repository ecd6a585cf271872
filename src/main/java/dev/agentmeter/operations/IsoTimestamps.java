package dev.agentmeter.operations;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The contract's timestamps: ISO-8601 in UTC with milliseconds, always the same width
 * ({@code 2026-11-24T09:16:35.120Z}). Written by hand rather than through {@code DateTimeFormatter}: a
 * dashboard push formats one per task row, and the formatter was most of that push's cost.
 */
public final class IsoTimestamps {

    private static final int LENGTH = "uuuu-MM-ddTHH:mm:ss.SSSZ".length();

    private IsoTimestamps() {
    }

    /** {@code null} stays {@code null}: the contract shows "never" as JSON null. */
    public static String format(Instant instant) {
        if (instant == null) {
            return null;
        }
        LocalDateTime time = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        if (time.getYear() < 0 || time.getYear() > 9999) {
            return instant.toString(); // outside four-digit years the fixed layout cannot hold it
        }
        char[] text = new char[LENGTH];
        put(text, 0, time.getYear(), 4);
        text[4] = '-';
        put(text, 5, time.getMonthValue(), 2);
        text[7] = '-';
        put(text, 8, time.getDayOfMonth(), 2);
        text[10] = 'T';
        put(text, 11, time.getHour(), 2);
        text[13] = ':';
        put(text, 14, time.getMinute(), 2);
        text[16] = ':';
        put(text, 17, time.getSecond(), 2);
        text[19] = '.';
        put(text, 20, instant.getNano() / 1_000_000, 3);
        text[23] = 'Z';
        return new String(text);
    }

    private static void put(char[] text, int offset, int value, int digits) {
        for (int i = offset + digits - 1; i >= offset; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
