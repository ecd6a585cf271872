package dev.agentmeter.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import dev.agentmeter.testing.OnThreads;

class StderrLoggingTest {

    private static final Instant AT = Instant.parse("2026-12-01T02:42:29.050Z");

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final PrintStream stderr = new PrintStream(written, true, StandardCharsets.UTF_8);

    private Logger logger(String name, LogLevels levels, Clock clock) {
        return new StderrLoggerFactory(levels, new LogLine(clock), () -> stderr).getLogger(name);
    }

    private Logger logger(String name) {
        return logger(name, new LogLevels(Level.INFO, List.of()), Clock.fixed(AT, ZoneOffset.UTC));
    }

    private String text() {
        return written.toString(StandardCharsets.UTF_8);
    }

    @Test
    void slf4jBindsThisProviderFromItsServiceFile() {
        assertThat(LoggerFactory.getILoggerFactory()).isInstanceOf(StderrLoggerFactory.class);
    }

    @Test
    void theJdksSystemLoggerGoesThroughSlf4jSoItsLinesAndLevelsAreThisProviders() {
        // The metrics core logs with System.Logger (it imports nothing of ours): through SLF4J its lines are this
        // provider's, under the same rules (Jetty at warn), instead of java.util.logging's own format and levels.
        System.Logger core = System.getLogger("dev.agentmeter.metrics.MetricsListeners");
        System.Logger jetty = System.getLogger("org.eclipse.jetty.server.Server");

        assertThat(core.getClass().getName()).startsWith("org.slf4j.jdk.platform.logging.");
        assertThat(core.isLoggable(System.Logger.Level.ERROR)).isTrue();
        assertThat(jetty.isLoggable(System.Logger.Level.INFO)).as("Jetty is held at warn").isFalse();
        assertThat(jetty.isLoggable(System.Logger.Level.WARNING)).isTrue();
    }

    @Test
    void aLineHasTheTimeWithItsOffsetTheLevelInBracketsTheShortNameAndTheMessage() {
        logger("dev.agentmeter.storage.Storage").info("rebuilt {} tasks in {} ms", 3, 7);
        logger("dev.agentmeter.Web", new LogLevels(Level.INFO, List.of()), Clock.fixed(AT, ZoneId.of("Asia/Kolkata")))
                .warn("east");
        logger("West", new LogLevels(Level.INFO, List.of()), Clock.fixed(AT, ZoneId.of("America/St_Johns")))
                .error("west");

        assertThat(text().lines()).containsExactly(
                "2026-12-01T02:42:29.050+0000 [INFO] Storage - rebuilt 3 tasks in 7 ms",
                "2026-12-01T08:12:29.050+0530 [WARN] Web - east",
                "2026-11-30T23:12:29.050-0330 [ERROR] West - west");
    }

    @Test
    void aThrowableAfterTheArgumentsIsPrintedAsAStackTraceUnderTheLine() {
        logger("a.B").warn("failed {} times", 2, new IllegalStateException("boom"));

        List<String> lines = text().lines().toList();
        assertThat(lines.get(0)).isEqualTo("2026-12-01T02:42:29.050+0000 [WARN] B - failed 2 times");
        assertThat(lines.get(1)).isEqualTo("java.lang.IllegalStateException: boom");
        assertThat(lines.get(2)).startsWith("\tat dev.agentmeter.logging.StderrLoggingTest");
    }

    @Test
    void librariesThatRepeatThemselvesAreHeldAtWarnOrErrorAndEveryOtherLoggerAtTheDefault() {
        LogLevels levels = LogLevels.fromSystemProperties();

        assertThat(levels.threshold("org.eclipse.jetty.server.Server")).isEqualTo(Level.WARN);
        assertThat(levels.threshold("io.modelcontextprotocol.server.McpAsyncServer")).isEqualTo(Level.WARN);
        assertThat(levels.threshold("reactor.core.publisher.Operators")).isEqualTo(Level.WARN);
        assertThat(levels.threshold("com.zaxxer.hikari.pool.HikariPool")).isEqualTo(Level.ERROR);
        assertThat(levels.threshold("reactorish.Thing")).as("a prefix matches whole name parts only")
                .isEqualTo(Level.INFO);
        assertThat(levels.threshold("dev.agentmeter.storage.Storage")).isEqualTo(Level.INFO);
    }

    @Test
    void theLongestMatchingRuleWinsAndLinesBelowTheThresholdAreNotWritten() {
        var levels = new LogLevels(Level.WARN, List.of(Map.entry("a", Level.ERROR), Map.entry("a.b", Level.DEBUG)));
        Logger ab = logger("a.b.C", levels, Clock.fixed(AT, ZoneOffset.UTC));
        Logger a = logger("a.D", levels, Clock.fixed(AT, ZoneOffset.UTC));
        Logger other = logger("x.Y", levels, Clock.fixed(AT, ZoneOffset.UTC));

        ab.trace("no");
        ab.debug("yes 1");
        a.warn("no");
        a.error("yes 2");
        other.info("no");
        other.warn("yes 3");

        assertThat(ab.isDebugEnabled()).isTrue();
        assertThat(ab.isTraceEnabled()).isFalse();
        assertThat(a.isWarnEnabled()).isFalse();
        assertThat(text().lines()).extracting(line -> line.substring(line.indexOf(" - ") + 3))
                .containsExactly("yes 1", "yes 2", "yes 3");
    }

    @Test
    void anUnknownDefaultLevelFallsBackToInfo() {
        String before = System.getProperty(LogLevels.DEFAULT_LEVEL_PROPERTY);
        try {
            System.setProperty(LogLevels.DEFAULT_LEVEL_PROPERTY, "loud");
            assertThat(LogLevels.fromSystemProperties().defaultLevel()).isEqualTo(Level.INFO);
            System.setProperty(LogLevels.DEFAULT_LEVEL_PROPERTY, " Warn ");
            assertThat(LogLevels.fromSystemProperties().defaultLevel()).isEqualTo(Level.WARN);
        } finally {
            if (before == null) {
                System.clearProperty(LogLevels.DEFAULT_LEVEL_PROPERTY);
            } else {
                System.setProperty(LogLevels.DEFAULT_LEVEL_PROPERTY, before);
            }
        }
    }

    @Test
    void linesFromManyThreadsAreWrittenWholeAndNoneIsLost() throws Exception {
        int threads = 8;
        int linesEach = 2_000;
        Logger shared = logger("dev.agentmeter.Shared");
        OnThreads.run(threads, writer -> {
            for (int i = 0; i < linesEach; i++) {
                shared.info("writer {} line {} of a message long enough to be split by a careless writer",
                        writer, i);
            }
        });

        List<String> lines = text().lines().toList();
        assertThat(lines).hasSize(threads * linesEach);
        assertThat(lines).allMatch(line -> line.matches("2026-12-01T02:42:29\\.050\\+0000 \\[INFO\\] Shared - "
                + "writer \\d line \\d+ of a message long enough to be split by a careless writer"));
        for (int t = 0; t < threads; t++) {
            String writer = " - writer " + t + " ";
            assertThat(lines).filteredOn(line -> line.contains(writer)).hasSize(linesEach);
        }
    }
}
