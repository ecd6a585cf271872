package dev.agentmeter.web.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RateLimitTest {

    @Test
    void perSecondIsTheRateAndTheBurst() {
        assertThat(RateLimit.parse("200/s")).isEqualTo(new RateLimit(200, 200));
    }

    @Test
    void perMinuteIsSpreadOverTheMinuteWithTheWholeCountAsBurst() {
        assertThat(RateLimit.parse("120/m")).isEqualTo(new RateLimit(2, 120));
    }

    @Test
    void offMeansNoLimit() {
        assertThat(RateLimit.parse("OFF").isOff()).isTrue();
    }

    @Test
    void theDefaultParses() {
        assertThat(RateLimit.parse(RateLimit.DEFAULT).isOff()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"200/s", "60/m", "off"})
    void aParsedLimitIsWrittenBackAsGiven(String spec) {
        assertThat(RateLimit.parse(spec).spec()).isEqualTo(spec);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "200", "0/s", "-5/s", "5/h", "1e3/s", "99999999999/s", "fast"})
    void anythingElseIsRefusedWithTheExpectedForm(String spec) {
        assertThatThrownBy(() -> RateLimit.parse(spec)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("N/s or N/m");
    }
}
