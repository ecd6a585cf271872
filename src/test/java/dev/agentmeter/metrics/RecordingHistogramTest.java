package dev.agentmeter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordingHistogramTest {

    private static final long ONE_YEAR_MICROS = 365L * 24 * 3600 * 1_000_000;

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void drainedCountsMatchAHistogramThatRecordedTheSameValues(int significantDigits) {
        var recording = new RecordingHistogram(significantDigits);
        var direct = new Histogram(significantDigits);
        var random = new SplittableRandom(11);
        long[] edges = {0, 1, 2, 127, 128, 255, 256, 2047, 2048, 4095, 4096, ONE_YEAR_MICROS};
        for (long value : edges) {
            recording.record(value);
            direct.recordValue(value);
        }
        for (int i = 0; i < 100_000; i++) {
            long value = (long) Math.exp(random.nextDouble() * Math.log(ONE_YEAR_MICROS));
            recording.record(value);
            direct.recordValue(value);
        }

        var drained = new Histogram(significantDigits);
        assertThat(recording.drainInto(drained)).isEqualTo(direct.getTotalCount());

        assertThat(drained.getTotalCount()).isEqualTo(direct.getTotalCount());
        for (double percentile = 0; percentile <= 100; percentile += 0.5) {
            assertThat(drained.getValueAtPercentile(percentile)).as("p%s", percentile)
                    .isEqualTo(direct.getValueAtPercentile(percentile));
        }
        for (long value : edges) {
            assertThat(drained.getCountAtValue(value)).isEqualTo(direct.getCountAtValue(value));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void drainingEmptiesIt(int significantDigits) {
        var recording = new RecordingHistogram(significantDigits);
        recording.record(1_000);
        recording.drainInto(new Histogram(significantDigits));

        var again = new Histogram(significantDigits);
        assertThat(recording.drainInto(again)).isZero();
        assertThat(again.getTotalCount()).isZero();
    }
}
