package dev.agentmeter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpLoggableSession;
import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import reactor.core.publisher.Mono;

/** The registry of open HTTP sessions, with a hand-moved clock: counted, touched, expired, ended. */
class McpHttpSessionsTest {

    private static final Duration IDLE = Duration.ofMinutes(30);

    private final AtomicLong nanos = new AtomicLong();
    private final McpHttpSessions sessions = new McpHttpSessions(2, IDLE, nanos::get);

    @Test
    void theCapCountsOpenSessions() {
        sessions.started("a", new QuietSession());
        assertThat(sessions.full()).isFalse();

        sessions.started("b", new QuietSession());

        assertThat(sessions.full()).isTrue();
        sessions.ended("a");
        assertThat(sessions.full()).isFalse();
    }

    @Test
    void aSessionIdleForTheTimeoutExpires() {
        sessions.started("a", new QuietSession());
        advance(IDLE.minusNanos(1));
        assertThat(sessions.size()).isEqualTo(1);
        assertThat(sessions.full()).isFalse();

        advance(Duration.ofNanos(1));

        assertThat(sessions.full()).isFalse();
        assertThat(sessions.size()).isZero();
    }

    @Test
    void aRequestRestartsTheIdleTime() {
        sessions.started("a", new QuietSession());
        advance(IDLE.minusMinutes(1));
        sessions.opened("a");
        sessions.closed("a");

        advance(IDLE.minusMinutes(1));
        sessions.full();

        assertThat(sessions.size()).isEqualTo(1);
    }

    @Test
    void anOpenStreamKeepsASessionEvenWhenNothingElseHappens() {
        sessions.started("a", new QuietSession());
        sessions.opened("a");

        advance(IDLE.multipliedBy(3));
        sessions.full();

        assertThat(sessions.size()).isEqualTo(1);
    }

    @Test
    void everyOpenSessionIsListedForLogMessages() {
        var a = new QuietSession();
        var b = new QuietSession();
        sessions.started("a", a);
        sessions.started("b", b);
        var listed = new ArrayList<McpLoggableSession>();

        sessions.forEach(listed::add);

        assertThat(listed).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void requestsWithoutOrWithAnUnknownSessionChangeNothing() {
        sessions.opened(null);
        sessions.closed("unknown");
        sessions.ended(null);

        assertThat(sessions.size()).isZero();
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    /** A session that sends nothing anywhere. */
    private static final class QuietSession implements McpLoggableSession {
        @Override
        public void setMinLoggingLevel(LoggingLevel level) {
        }

        @Override
        public boolean isNotificationForLevelAllowed(LoggingLevel level) {
            return true;
        }

        @Override
        public <T> Mono<T> sendRequest(String method, Object params, TypeRef<T> type) {
            return Mono.empty();
        }

        @Override
        public Mono<Void> sendNotification(String method, Object params) {
            return Mono.empty();
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }

        @Override
        public void close() {
        }
    }
}
