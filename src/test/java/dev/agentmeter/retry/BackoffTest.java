package dev.agentmeter.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void eachWaitDoublesUpToTheCap() {
        var backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(1));

        assertThat(backoff.nextWait()).isEqualTo(Duration.ofMillis(250));
        assertThat(backoff.nextWait()).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.nextWait()).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.nextWait()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aResetStartsAgainFromTheFirstWait() {
        var backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(30));
        backoff.nextWait();
        backoff.nextWait();

        backoff.reset();

        assertThat(backoff.nextWait()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void aCapBelowTheFirstWaitIsRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
