package dev.agentmeter.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.agentmeter.testing.MutableClock;

/**
 * The average response time stays exact to the microsecond far beyond where a sum in one long would wrap
 * (about 107 million tasks of 24 hours, or 292,000 tasks of a year).
 */
class AverageExactnessTest {

    private static final Duration YEAR = Duration.ofDays(365);
    private static final long YEAR_MICROS = YEAR.toNanos() / 1000;
    private static final long DAY_MICROS = Duration.ofDays(1).toNanos() / 1000;

    private final MutableClock clock = MutableClock.at("2026-11-24T10:00:00Z");
    private final PerformanceMetrics metrics = new PerformanceMetrics(clock, MetricsCapacities.defaults());

    @Test
    void aMillionTasksOfAYearAverageExactlyOneYear() {
        int tasks = 1_000_000; // 3.15 * 10^19 microseconds: more than a long holds
        for (int i = 0; i < tasks; i++) {
            metrics.record("long haul", YEAR, true, null);
        }

        LatencySummary latency = metrics.snapshot().latency();

        assertThat(latency.avgMillis()).isEqualTo(YEAR_MICROS / 1000.0);
        assertThat(latency.minMillis()).isEqualTo(latency.maxMillis()).isEqualTo(latency.avgMillis());
        assertThat(metrics.taskStats("long haul")).hasValueSatisfying(stats ->
                assertThat(stats.latency().avgMillis()).isEqualTo(YEAR_MICROS / 1000.0));
    }

    @Test
    void theAverageIsExactToTheMicrosecondAcrossSnapshotsAndSizes() {
        int tasks = 600_000;
        for (int i = 0; i < tasks; i++) {
            metrics.record(new TaskRecord("mixed", i % 2 == 0 ? YEAR_MICROS : 1, true, null, Instant.EPOCH));
            if (i % 100_000 == 0) {
                metrics.snapshot(); // the sum is carried across phases too
            }
        }
        metrics.record(new TaskRecord("mixed", 7, true, null, Instant.EPOCH));

        BigDecimal sumMicros = BigDecimal.valueOf(YEAR_MICROS).multiply(BigDecimal.valueOf(tasks / 2))
                .add(BigDecimal.valueOf(tasks / 2 + 7));
        double expectedMillis = sumMicros.divide(BigDecimal.valueOf(tasks + 1L), MathContext.DECIMAL64)
                .movePointLeft(3).doubleValue();
        assertThat(metrics.snapshot().latency().avgMillis()).isCloseTo(expectedMillis, within(0.001));
    }

    @Test
    void aTrillionTasksOfADayKeepAnExactSum() {
        var total = new WideSum();
        long tasksPerPhase = 1_000_000;
        for (int phase = 0; phase < 1_000_000; phase++) {
            total.add(tasksPerPhase * DAY_MICROS); // what one drained phase of a million 24-hour tasks adds
        }

        assertThat(total.toBigInteger()).isEqualTo(BigInteger.valueOf(DAY_MICROS).multiply(BigInteger.TEN.pow(12)));
        assertThat(total.dividedBy(1_000_000_000_000L)).isEqualTo((double) DAY_MICROS);
    }

    @Test
    void oneDrainedPhaseHoldsThousandsOfTheLargestDurationsWithoutOverflow() {
        var adder = new WideAdder();
        var total = new WideSum();
        for (int i = 0; i < 4_096; i++) {
            adder.add(Long.MAX_VALUE);
        }

        adder.drainInto(total);

        assertThat(total.toBigInteger()).isEqualTo(BigInteger.valueOf(Long.MAX_VALUE).multiply(BigInteger.valueOf(4_096)));
        assertThat(total.dividedBy(4_096)).isEqualTo((double) Long.MAX_VALUE);
    }

    @Test
    void partsAreReassembledExactlyWhateverTheValue() {
        var adder = new WideAdder();
        var total = new WideSum();
        long[] values = {0, 1, (1L << WideAdder.PART_BITS) - 1, 1L << WideAdder.PART_BITS,
            (1L << 2 * WideAdder.PART_BITS) + 12_345, DAY_MICROS, YEAR_MICROS, Long.MAX_VALUE - 1};
        BigInteger expected = BigInteger.ZERO;
        for (long value : values) {
            adder.add(value);
            expected = expected.add(BigInteger.valueOf(value));
        }

        adder.drainInto(total);

        assertThat(total.toBigInteger()).isEqualTo(expected);
    }
}
