package dev.agentmeter.logging;

import java.time.Clock;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * SLF4J's provider here (found through {@code META-INF/services}): every logger writes one line per event to
 * stderr, in the format slf4j-simple was set to print before, {@code 2026-12-01T02:42:29.050+0000 [INFO] Storage -
 * message}.
 *
 * <p>Why not slf4j-simple itself: it makes a {@code SimpleDateFormat} when it starts, and the JDK then looks up the
 * first day of the week for the default locale, which parses the tag of every locale CLDR knows and has the JIT
 * compile that parser: about 190 ms of CPU time and 140 ms of wall time in a 630 ms start-up to the first
 * {@code tools/list} answer on two cores (issue 15, measured with {@code -Djava.locale.providers=SPI}, which skips
 * that lookup). The timestamp here is made from {@code java.time} fields, with no locale data. MDC is not kept
 * (nothing here uses it).
 */
public final class StderrLogging implements SLF4JServiceProvider {

    /** The SLF4J API this provider was written against. */
    private static final String API_VERSION = "2.0.99";

    private volatile StderrLoggerFactory loggers;
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return API_VERSION;
    }

    @Override
    public void initialize() {
        loggers = new StderrLoggerFactory(LogLevels.fromSystemProperties(), new LogLine(Clock.systemDefaultZone()),
                () -> System.err);
    }
}
