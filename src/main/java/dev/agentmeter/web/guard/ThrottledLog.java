package dev.agentmeter.web.guard;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import org.slf4j.Logger;

/**
 * One warning line per interval at most, for an event a client can repeat thousands of times a second (a
 * flood, an attack, guessing): the first occurrence is logged at once, later ones within the interval are
 * only counted, and the next line says how many there were. A flood then costs a few log lines, not a full disk.
 *
 * <p>Thread-safe and lock-free.
 */
public final class ThrottledLog {

    private final Logger log;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    // The earliest time of the next line: moved forward by whichever thread logs.
    private final AtomicLong nextLineNanos;
    // Occurrences since the last line: added by any thread, taken by the one that logs.
    private final LongAdder unlogged = new LongAdder();

    public ThrottledLog(Logger log, Duration interval, LongSupplier nanoTime) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        this.nextLineNanos = new AtomicLong(nanoTime.getAsLong());
    }

    /** Logs {@code message} (an SLF4J pattern) as a warning, unless a line went out within the interval. */
    public void warn(String message, Object... arguments) {
        long now = nanoTime.getAsLong();
        long next = nextLineNanos.get();
        if (now - next < 0 || !nextLineNanos.compareAndSet(next, now + intervalNanos)) {
            unlogged.increment();
            return;
        }
        long more = unlogged.sumThenReset();
        if (more == 0) {
            log.warn(message, arguments);
        } else {
            log.warn(message + " (and {} more like it since the last such line)", append(arguments, more));
        }
    }

    private static Object[] append(Object[] arguments, Object last) {
        var all = new Object[arguments.length + 1];
        System.arraycopy(arguments, 0, all, 0, arguments.length);
        all[arguments.length] = last;
        return all;
    }
}
