package dev.agentmeter.web.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class ThrottledLogTest {

    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
    private final List<String> lines = new ArrayList<>();
    private final ThrottledLog log = new ThrottledLog(recordingLogger(), Duration.ofSeconds(10), nanos::get);

    @Test
    void theFirstOccurrenceIsLoggedAtOnce() {
        log.warn("closed {}", "a");

        assertThat(lines).containsExactly("closed {} [a]");
    }

    @Test
    void occurrencesWithinTheIntervalAreCountedAndToldInTheNextLine() {
        for (int i = 0; i < 1_000; i++) {
            log.warn("closed {}", i);
        }
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(10));

        log.warn("closed {}", "late");

        assertThat(lines).containsExactly("closed {} [0]",
                "closed {} (and {} more like it since the last such line) [late, 999]");
    }

    /** A logger that keeps each warning's pattern and arguments. */
    private Logger recordingLogger() {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("warn") && arguments.length == 2
                            && arguments[1] instanceof Object[] values) {
                        lines.add(arguments[0] + " " + Arrays.toString(values));
                    } else if (method.getName().equals("warn")) {
                        lines.add(arguments[0] + " " + Arrays.toString(Arrays.copyOfRange(arguments, 1, arguments.length)));
                    }
                    return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
                });
    }
}
