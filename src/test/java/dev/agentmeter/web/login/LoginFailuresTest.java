package dev.agentmeter.web.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class LoginFailuresTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final LoginFailures failures = new LoginFailures(3, nanos::get);

    private void advanceSeconds(long seconds) {
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }

    private void failTimes(String address, int times) {
        for (int i = 0; i < times; i++) {
            failures.failed(address);
        }
    }

    @Test
    void theFirstFailuresInARowCostNoWait() {
        for (int i = 1; i <= LoginFailures.FREE_FAILURES; i++) {
            assertThat(failures.failed("10.0.0.1")).isEqualTo(new LoginFailures.Counted(i, 0));
            assertThat(failures.check("10.0.0.1")).isInstanceOf(LoginFailures.Allowed.class);
        }
    }

    @Test
    void eachFurtherFailureDoublesTheWaitUpToAMinute() {
        failTimes("10.0.0.1", LoginFailures.FREE_FAILURES);
        var waits = new long[8];
        for (int i = 0; i < waits.length; i++) {
            waits[i] = failures.failed("10.0.0.1").waitSeconds();
        }

        assertThat(waits).containsExactly(1, 2, 4, 8, 16, 32, 60, 60);
    }

    @Test
    void anAttemptDuringTheWaitIsRefusedWithTheSecondsLeftAndAllowedOnceItHasPassed() {
        failTimes("10.0.0.1", LoginFailures.FREE_FAILURES + 3); // the last one imposes 4 s

        assertThat(failures.check("10.0.0.1")).isEqualTo(new LoginFailures.Wait(4));
        advanceSeconds(3);
        assertThat(failures.check("10.0.0.1")).isEqualTo(new LoginFailures.Wait(1));
        advanceSeconds(1);
        assertThat(failures.check("10.0.0.1")).isInstanceOf(LoginFailures.Allowed.class);
    }

    @Test
    void aSuccessfulLoginStartsTheAddressAfresh() {
        failTimes("10.0.0.1", LoginFailures.FREE_FAILURES + 1);

        failures.succeeded("10.0.0.1");

        assertThat(failures.check("10.0.0.1")).isInstanceOf(LoginFailures.Allowed.class);
        assertThat(failures.failed("10.0.0.1").inARow()).isEqualTo(1);
    }

    @Test
    void anotherAddressIsNotSlowedDown() {
        failTimes("10.0.0.1", LoginFailures.FREE_FAILURES + 4);

        assertThat(failures.check("10.0.0.2")).isInstanceOf(LoginFailures.Allowed.class);
    }

    @Test
    void tenQuietMinutesStartTheCountAfresh() {
        failTimes("10.0.0.1", LoginFailures.FREE_FAILURES + 4);

        advanceSeconds(TimeUnit.MINUTES.toSeconds(LoginFailures.FORGET_AFTER_MINUTES));

        assertThat(failures.failed("10.0.0.1").inARow()).isEqualTo(1);
    }

    @Test
    void atMostTheBoundOfAddressesIsKeptTheOldestGoingFirst() {
        for (int i = 1; i <= 5; i++) {
            failures.failed("10.0.0." + i);
            advanceSeconds(1);
        }

        assertThat(failures.trackedClients()).isEqualTo(3);
        assertThat(failures.failed("10.0.0.5").inARow()).isEqualTo(2);
        assertThat(failures.failed("10.0.0.1").inARow()).isEqualTo(1);
    }
}
