package dev.agentmeter.mcp.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpLoggableSession;
import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import reactor.core.publisher.Mono;

/**
 * The registry of open HTTP sessions, with a hand-moved clock: admitted, counted, touched, expired, ended, and
 * evicted to make room.
 */
class McpHttpSessionsTest {

    private static final Duration IDLE = Duration.ofMinutes(30);
    private static final Duration EVICTABLE = Duration.ofMinutes(1);
    private static final String HERE = "10.0.0.1";
    private static final String THERE = "10.0.0.2";

    private final AtomicLong nanos = new AtomicLong();
    private McpHttpSessions sessions = registry(2, 2);

    @Test
    void theCapCountsOpenSessions() {
        open(HERE, "a");
        open(THERE, "b");

        assertThat(sessions.admit("10.0.0.3")).isEqualTo(new McpHttpSessions.Refused(McpHttpErrors.TOO_MANY_SESSIONS));
        sessions.ended("a");
        assertThat(sessions.admit("10.0.0.3")).isInstanceOf(McpHttpSessions.Admitted.class);
    }

    @Test
    void placesOfInitializesStillInProgressCountToo() {
        assertThat(sessions.admit(HERE)).isInstanceOf(McpHttpSessions.Admitted.class);
        assertThat(sessions.admit(THERE)).isInstanceOf(McpHttpSessions.Admitted.class);

        assertThat(sessions.admit("10.0.0.3")).isInstanceOf(McpHttpSessions.Refused.class);
    }

    @Test
    void aPlaceGivenBackWithoutASessionFreesIt() {
        var first = (McpHttpSessions.Admitted) sessions.admit(HERE);
        sessions.admit(THERE);

        sessions.release(first.place());

        assertThat(sessions.admit(HERE)).isInstanceOf(McpHttpSessions.Admitted.class);
    }

    @Test
    void noSessionStartsWithoutAPlaceAdmittedForIt() {
        assertThatThrownBy(() -> sessions.started("made-up", new QuietSession()))
                .isInstanceOf(IllegalStateException.class);
        assertThat(sessions.size()).isZero();
    }

    @Test
    void oneAddressHoldsNoMoreThanItsShareAndAnotherStillGetsIn() {
        sessions = registry(4, 2);
        open(HERE, "a");
        open(HERE, "b");

        assertThat(sessions.admit(HERE))
                .isEqualTo(new McpHttpSessions.Refused(McpHttpErrors.TOO_MANY_FROM_ADDRESS));
        assertThat(sessions.admit(THERE)).isInstanceOf(McpHttpSessions.Admitted.class);
    }

    @Test
    void atTheCapTheSessionIdleLongestMakesRoomOnceItHasBeenIdleLongEnough() {
        open(HERE, "older");
        advance(Duration.ofSeconds(10));
        open(THERE, "newer");
        advance(EVICTABLE.minusSeconds(10).minusNanos(1));
        assertThat(sessions.admit("10.0.0.3")).as("no session idle long enough yet")
                .isInstanceOf(McpHttpSessions.Refused.class);

        advance(Duration.ofNanos(1));

        assertThat(sessions.admit("10.0.0.3")).isInstanceOfSatisfying(McpHttpSessions.Admitted.class,
                admitted -> assertThat(admitted.evicted()).contains("older"));
        assertThat(sessions.find("older")).isEmpty();
        assertThat(sessions.find("newer")).isPresent();
    }

    @Test
    void aSessionWithAnOpenStreamIsNeverEvicted() {
        open(HERE, "listening");
        sessions.opened("listening");
        open(THERE, "quiet");
        sessions.opened("quiet");
        advance(IDLE.minusMinutes(1));

        assertThat(sessions.admit("10.0.0.3")).isInstanceOf(McpHttpSessions.Refused.class);
    }

    @Test
    void atItsShareAnAddressMakesRoomFromItsOwnIdleSessionsOnly() {
        sessions = registry(4, 2);
        open(THERE, "theirs");
        advance(Duration.ofSeconds(1));
        open(HERE, "mine-1");
        advance(Duration.ofSeconds(1));
        open(HERE, "mine-2");
        advance(EVICTABLE);

        assertThat(sessions.admit(HERE)).isInstanceOfSatisfying(McpHttpSessions.Admitted.class,
                admitted -> assertThat(admitted.evicted()).contains("mine-1"));
        assertThat(sessions.find("theirs")).isPresent();
    }

    @Test
    void aSessionIdleForTheTimeoutExpires() {
        open(HERE, "a");
        advance(IDLE.minusNanos(1));
        assertThat(sessions.size()).isEqualTo(1);

        advance(Duration.ofNanos(1));

        assertThat(sessions.size()).isZero();
    }

    @Test
    void aRequestRestartsTheIdleTime() {
        open(HERE, "a");
        advance(IDLE.minusMinutes(1));
        sessions.opened("a");
        sessions.closed("a");

        advance(IDLE.minusMinutes(1));

        assertThat(sessions.size()).isEqualTo(1);
    }

    @Test
    void anOpenStreamKeepsASessionEvenWhenNothingElseHappens() {
        open(HERE, "a");
        sessions.opened("a");

        advance(IDLE.multipliedBy(3));

        assertThat(sessions.size()).isEqualTo(1);
    }

    @Test
    void everyOpenSessionIsListedForLogMessages() {
        var a = open(HERE, "a");
        var b = open(THERE, "b");
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

    private McpHttpSessions registry(int maxSessions, int perAddress) {
        return new McpHttpSessions(McpHttpLimits.of(8).withMaxSessions(maxSessions)
                .withMaxSessionsPerAddress(perAddress).withIdleTimeout(IDLE).withEvictableAfter(EVICTABLE), nanos::get);
    }

    /** An initialize from {@code address} admitted, and its session started as the SDK starts it. */
    private QuietSession open(String address, String id) {
        var admitted = (McpHttpSessions.Admitted) sessions.admit(address);
        var session = new QuietSession();
        sessions.startingOnThisThread(admitted.place());
        try {
            sessions.started(id, session);
        } finally {
            sessions.release(admitted.place());
        }
        return session;
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
