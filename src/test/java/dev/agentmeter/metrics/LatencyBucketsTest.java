package dev.agentmeter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyBucketsTest {

    @Test
    void everyValueFallsInABucketWhoseRepresentativeIsWithinSevenPercent() {
        for (long micros = 0; micros < 5_000_000; micros += 1 + micros / 50) {
            int index = LatencyBuckets.indexOf(micros);
            long lower = LatencyBuckets.lowerBound(index);
            long representative = LatencyBuckets.representative(index);
            assertThat(lower).as("lower bound of %d", micros).isLessThanOrEqualTo(micros);
            assertThat((double) Math.abs(representative - micros))
                    .as("error at %d", micros).isLessThanOrEqualTo(Math.max(1, micros * 0.07));
        }
    }

    @Test
    void bucketsAreOrderedSoPercentilesAreMonotonic() {
        long previous = -1;
        for (long micros = 0; micros < 10_000_000; micros += 1 + micros / 100) {
            int index = LatencyBuckets.indexOf(micros);
            assertThat(index).isGreaterThanOrEqualTo((int) Math.max(previous, 0));
            previous = index;
        }
    }

    @Test
    void summaryOfEmptyBucketsIsNull() {
        assertThat(new LatencyBuckets().summary()).isNull();
    }

    @Test
    void summaryKeepsTheLatencyOrder() {
        var buckets = new LatencyBuckets();
        for (long micros : new long[] {5, 500, 5_000, 50_000, 500_000, 5_000_000}) {
            buckets.record(micros);
        }
        LatencySummary summary = buckets.summary();
        assertThat(summary.minMillis()).isLessThanOrEqualTo(summary.p50Millis());
        assertThat(summary.p50Millis()).isLessThanOrEqualTo(summary.p95Millis());
        assertThat(summary.p95Millis()).isLessThanOrEqualTo(summary.p99Millis());
        assertThat(summary.p99Millis()).isLessThanOrEqualTo(summary.maxMillis());
        assertThat(summary.maxMillis()).isBetween(4_650.0, 5_350.0);
    }
}
