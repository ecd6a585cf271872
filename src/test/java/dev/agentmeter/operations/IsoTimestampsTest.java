package dev.agentmeter.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class IsoTimestampsTest {

    private static final DateTimeFormatter REFERENCE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

    @Test
    void matchesTheIsoFormatterWithMillisecondsForManyInstants() {
        var random = new SplittableRandom(42);
        for (int i = 0; i < 100_000; i++) {
            var instant = Instant.ofEpochSecond(random.nextLong(0, 253_402_300_799L), random.nextInt(1_000_000_000));
            assertThat(IsoTimestamps.format(instant)).isEqualTo(REFERENCE.format(instant));
        }
    }

    @Test
    void keepsTheSameWidthAtWholeSecondsAndTheEpoch() {
        assertThat(IsoTimestamps.format(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(IsoTimestamps.format(Instant.parse("2026-11-24T09:16:35Z"))).isEqualTo("2026-11-24T09:16:35.000Z");
    }

    @Test
    void nullStaysNull() {
        assertThat(IsoTimestamps.format(null)).isNull();
    }
}
