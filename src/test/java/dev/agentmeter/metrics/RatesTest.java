package dev.agentmeter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class RatesTest {

    @Test
    void successAndErrorRatesAddUpToExactlyOneHundred() {
        for (long total = 1; total <= 400; total++) {
            for (long failed = 0; failed <= total; failed++) {
                var snapshot = new MetricsSnapshot(total - failed, failed, null, 0, Instant.EPOCH, null, Instant.EPOCH);
                assertThat(snapshot.successRate() + snapshot.errorRate())
                        .as("%d failed of %d", failed, total).isEqualTo(100.0);
            }
        }
    }

    @Test
    void ratesAreRoundedToTwoDecimals() {
        assertThat(Rates.percent(1, 3)).isEqualTo(33.33);
        assertThat(Rates.percent(2, 3)).isEqualTo(66.67);
        assertThat(Rates.percent(0, 0)).isZero();
    }
}
