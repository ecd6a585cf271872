package dev.agentmeter.logging;

import java.io.PrintStream;
import java.util.function.Supplier;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * Writes each event at or above its threshold as one {@link LogLine}, in a single write, so that lines from
 * several threads never interleave. Thread-safe.
 */
final class StderrLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;

    private final int threshold;
    private final String shortName;
    private final transient LogLine lines;
    private final transient Supplier<PrintStream> stderr;

    StderrLogger(String name, Level threshold, LogLine lines, Supplier<PrintStream> stderr) {
        this.name = name;
        this.threshold = threshold.toInt();
        this.shortName = name.substring(name.lastIndexOf('.') + 1);
        this.lines = lines;
        this.stderr = stderr;
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                               Throwable thrown) {
        PrintStream out = stderr.get();
        out.print(lines.format(level, shortName, MessageFormatter.basicArrayFormat(pattern, arguments), thrown));
        out.flush();
    }

    private boolean enabled(Level level) {
        return level.toInt() >= threshold;
    }
}
