package dev.agentmeter.web.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;

import org.junit.jupiter.api.Test;

import dev.agentmeter.testing.MutableClock;

class LoginSessionsTest {

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final LoginSessions sessions = new LoginSessions(clock, Duration.ofHours(1), 3);

    @Test
    void anOpenedSessionIsValid() {
        assertThat(sessions.isValid(sessions.open())).isTrue();
    }

    @Test
    void unknownAndMissingIdsAreNotValid() {
        sessions.open();

        assertThat(sessions.isValid("made-up")).isFalse();
        assertThat(sessions.isValid(null)).isFalse();
    }

    @Test
    void idsAreRandom256BitValues() {
        var ids = new HashSet<String>();
        var roomy = new LoginSessions(clock, Duration.ofHours(1), 1_000);
        for (int i = 0; i < 100; i++) {
            ids.add(roomy.open());
        }

        assertThat(ids).hasSize(100).allSatisfy(id -> assertThat(id).hasSize(43).matches("[A-Za-z0-9_-]+"));
    }

    @Test
    void aSessionExpiresAfterItsLifetime() {
        String id = sessions.open();

        clock.advance(Duration.ofMinutes(59));
        assertThat(sessions.isValid(id)).isTrue();
        clock.advance(Duration.ofMinutes(1));
        assertThat(sessions.isValid(id)).isFalse();
    }

    @Test
    void aClosedSessionIsNoLongerValid() {
        String id = sessions.open();

        sessions.close(id);

        assertThat(sessions.isValid(id)).isFalse();
    }

    @Test
    void beyondTheCapTheOldestSessionMakesRoom() {
        String oldest = sessions.open();
        clock.advance(Duration.ofSeconds(1));
        String second = sessions.open();
        String third = sessions.open();

        String fourth = sessions.open();

        assertThat(sessions.size()).isEqualTo(3);
        assertThat(sessions.isValid(oldest)).isFalse();
        assertThat(sessions.isValid(second)).isTrue();
        assertThat(sessions.isValid(third)).isTrue();
        assertThat(sessions.isValid(fourth)).isTrue();
    }
}
