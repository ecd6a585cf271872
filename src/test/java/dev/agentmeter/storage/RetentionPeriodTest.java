package dev.agentmeter.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RetentionPeriodTest {

    @ParameterizedTest
    @CsvSource({"90s, PT1M30S", "30m, PT30M", "12h, PT12H", "7d, PT168H"})
    void aNumberWithAUnitIsThatPeriod(String text, Duration expected) {
        assertThat(RetentionPeriod.parse(text)).contains(expected);
    }

    @Test
    void foreverKeepsEveryRow() {
        assertThat(RetentionPeriod.parse("forever")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "7", "0d", "-1d", "7w", "d", "1.5h", "7 d"})
    void anythingElseIsRefusedWithWhatIsExpected(String text) {
        assertThatThrownBy(() -> RetentionPeriod.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("such as 7d");
    }
}
