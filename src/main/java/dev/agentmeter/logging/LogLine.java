package dev.agentmeter.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import org.slf4j.event.Level;

/**
 * One event as text: {@code 2026-12-01T02:42:29.050+0000 [WARN] Storage - message}, then the stack trace of its
 * throwable, if any; ends with a line separator. The time is the clock's, in its zone's offset at that instant.
 * Thread-safe (immutable).
 */
final class LogLine {

    private final Clock clock;

    LogLine(Clock clock) {
        this.clock = clock;
    }

    String format(Level level, String shortName, String message, Throwable thrown) {
        var line = new StringBuilder(64 + shortName.length() + (message == null ? 4 : message.length()));
        appendTime(line, clock.instant());
        line.append(" [").append(level.name()).append("] ").append(shortName).append(" - ").append(message)
                .append(System.lineSeparator());
        if (thrown != null) {
            var trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            line.append(trace);
        }
        return line.toString();
    }

    private void appendTime(StringBuilder line, Instant instant) {
        ZoneOffset offset = clock.getZone().getRules().getOffset(instant);
        LocalDateTime time = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), offset);
        pad(line, time.getYear(), 4).append('-');
        pad(line, time.getMonthValue(), 2).append('-');
        pad(line, time.getDayOfMonth(), 2).append('T');
        pad(line, time.getHour(), 2).append(':');
        pad(line, time.getMinute(), 2).append(':');
        pad(line, time.getSecond(), 2).append('.');
        pad(line, time.getNano() / 1_000_000, 3);
        int seconds = offset.getTotalSeconds();
        line.append(seconds < 0 ? '-' : '+');
        int minutes = Math.abs(seconds) / 60;
        pad(line, minutes / 60, 2);
        pad(line, minutes % 60, 2);
    }

    private static StringBuilder pad(StringBuilder line, int value, int digits) {
        String text = Integer.toString(value);
        for (int i = text.length(); i < digits; i++) {
            line.append('0');
        }
        return line.append(text);
    }
}
