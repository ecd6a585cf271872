package dev.agentmeter.logging;

import java.io.PrintStream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;

/**
 * One {@link StderrLogger} per name, kept for the process's life (names are class names: as many as the code
 * has). Thread-safe.
 */
final class StderrLoggerFactory implements ILoggerFactory {

    private final LogLevels levels;
    private final LogLine lines;
    private final Supplier<PrintStream> stderr;
    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();

    /** {@code stderr} is asked at each line, so that a stream set later by {@code System.setErr} is used. */
    StderrLoggerFactory(LogLevels levels, LogLine lines, Supplier<PrintStream> stderr) {
        this.levels = levels;
        this.lines = lines;
        this.stderr = stderr;
    }

    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name, n -> new StderrLogger(n, levels.threshold(n), lines, stderr));
    }
}
