package dev.agentmeter.web.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ClientRateLimiterTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private ClientRateLimiter limiter(int perSecond, int maxClients) {
        return new ClientRateLimiter(new RateLimit(perSecond, perSecond), maxClients, nanos::get);
    }

    private void advanceMillis(long millis) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    void aBurstUpToTheLimitIsAllowedAndTheNextRequestIsNot() {
        var limiter = limiter(5, 10);

        for (int i = 0; i < 5; i++) {
            assertThat(limiter.acquire("10.0.0.1")).isInstanceOf(ClientRateLimiter.Allowed.class);
        }
        assertThat(limiter.acquire("10.0.0.1")).isEqualTo(new ClientRateLimiter.Limited(1));
    }

    @Test
    void permitsComeBackAtTheConfiguredRate() {
        var limiter = limiter(5, 10);
        for (int i = 0; i < 5; i++) {
            limiter.acquire("10.0.0.1");
        }

        advanceMillis(199);
        assertThat(limiter.acquire("10.0.0.1")).isInstanceOf(ClientRateLimiter.Limited.class);
        advanceMillis(1);
        assertThat(limiter.acquire("10.0.0.1")).isInstanceOf(ClientRateLimiter.Allowed.class);
        assertThat(limiter.acquire("10.0.0.1")).isInstanceOf(ClientRateLimiter.Limited.class);
    }

    @Test
    void aQuietSpellRefillsNoMoreThanTheBurst() {
        var limiter = limiter(5, 10);

        advanceMillis(60_000);

        for (int i = 0; i < 5; i++) {
            assertThat(limiter.acquire("10.0.0.1")).isInstanceOf(ClientRateLimiter.Allowed.class);
        }
        assertThat(limiter.acquire("10.0.0.1")).isInstanceOf(ClientRateLimiter.Limited.class);
    }

    @Test
    void oneClientUsingUpItsBucketLeavesAnotherClientsAlone() {
        var limiter = limiter(3, 10);
        for (int i = 0; i < 100; i++) {
            limiter.acquire("10.0.0.1");
        }

        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("10.0.0.2")).isInstanceOf(ClientRateLimiter.Allowed.class);
        }
    }

    @Test
    void retryAfterRoundsUpToWholeSecondsForSlowRates() {
        var limiter = new ClientRateLimiter(RateLimit.parse("6/m"), 10, nanos::get);
        for (int i = 0; i < 6; i++) {
            limiter.acquire("10.0.0.1");
        }

        assertThat(limiter.acquire("10.0.0.1")).isEqualTo(new ClientRateLimiter.Limited(10));
    }

    @Test
    void manyAddressesNeverGrowTheTableBeyondItsCap() {
        var limiter = limiter(2, 100);

        for (int i = 0; i < 10_000; i++) {
            limiter.acquire("10.0." + (i / 256) + "." + (i % 256));
        }

        assertThat(limiter.trackedClients()).isEqualTo(100);
    }

    @Test
    void newcomersBeyondTheCapShareOneBucketWhileKnownClientsKeepTheirs() {
        var limiter = limiter(2, 2);
        limiter.acquire("10.0.0.1");
        limiter.acquire("10.0.0.2");

        assertThat(limiter.acquire("10.0.0.3")).isInstanceOf(ClientRateLimiter.Allowed.class);
        assertThat(limiter.acquire("10.0.0.4")).isInstanceOf(ClientRateLimiter.Allowed.class);
        assertThat(limiter.acquire("10.0.0.5")).isInstanceOf(ClientRateLimiter.Limited.class);
        assertThat(limiter.acquire("10.0.0.1")).isInstanceOf(ClientRateLimiter.Allowed.class);
    }

    @Test
    void clientsWhoseBucketsRefilledAreForgottenToMakeRoom() {
        var limiter = limiter(2, 2);
        limiter.acquire("10.0.0.1");
        limiter.acquire("10.0.0.2");

        advanceMillis(1_000);
        limiter.acquire("10.0.0.3");

        assertThat(limiter.trackedClients()).isEqualTo(1);
    }
}
