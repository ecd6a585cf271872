package dev.agentmeter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WideAdderTest {

    @Test
    void sumsValuesOfEveryPartExactly() {
        var adder = new WideAdder();
        long[] values = {0, 1, (1L << 21) - 1, 1L << 21, (1L << 42) + 5, 123_456_789_012_345L, (1L << 62) - 1};
        long expected = 0;
        for (long value : values) {
            adder.add(value);
            expected += value;
        }

        assertThat(adder.sumThenReset()).isEqualTo(expected);
    }

    @Test
    void drainingStartsTheSumAgainFromZero() {
        var adder = new WideAdder();
        adder.add(1L << 50);
        adder.sumThenReset();
        adder.add(3);

        assertThat(adder.sumThenReset()).isEqualTo(3);
    }

    @Test
    void aSumBeyondTheLongRangePinsAtTheMaximum() {
        var adder = new WideAdder();
        adder.add(Long.MAX_VALUE);
        adder.add(Long.MAX_VALUE);

        assertThat(adder.sumThenReset()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void manyMaximaNeverWrapANegativeSum() {
        var adder = new WideAdder();
        for (int i = 0; i < 100_000; i++) {
            adder.add(100_000L * ModelCall.NANOS_PER_USD); // the most one reported call may cost
        }

        assertThat(adder.sumThenReset()).isEqualTo(Long.MAX_VALUE); // 1e19 nano-dollars: a long would wrap
    }

    @Test
    void saturatingAdditionPinsInsteadOfWrapping() {
        assertThat(WideAdder.saturatingAdd(Long.MAX_VALUE - 1, 5)).isEqualTo(Long.MAX_VALUE);
        assertThat(WideAdder.saturatingAdd(40, 2)).isEqualTo(42);
        assertThat(WideAdder.combine(1, 1, 1)).isEqualTo(1 + (1L << 21) + (1L << 42));
    }
}
