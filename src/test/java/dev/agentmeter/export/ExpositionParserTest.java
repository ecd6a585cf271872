package dev.agentmeter.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The test parser must reject what Prometheus rejects, or the tests that use it prove nothing. */
class ExpositionParserTest {

    private static final String GOOD_HISTOGRAM = """
            # HELP d Durations.
            # TYPE d histogram
            d_bucket{task="a",le="0.1"} 1
            d_bucket{task="a",le="+Inf"} 2
            d_count{task="a"} 2
            d_sum{task="a"} 0.5
            """;

    @Test
    void aWellFormedHistogramParsesWithItsLabels() {
        var exposition = ExpositionParser.parse(GOOD_HISTOGRAM);

        assertThat(exposition.types()).containsEntry("d", "histogram");
        assertThat(exposition.value("d_count", Map.of("task", "a"))).hasValue(2.0);
    }

    @Test
    void anInfBucketThatDisagreesWithTheCountIsRejected() {
        assertThatThrownBy(() -> ExpositionParser.parse(GOOD_HISTOGRAM.replace("d_count{task=\"a\"} 2", "d_count{task=\"a\"} 3")))
                .hasMessageContaining("!= _count");
    }

    @Test
    void fallingBucketCountsAreRejected() {
        assertThatThrownBy(() -> ExpositionParser.parse(GOOD_HISTOGRAM.replace("le=\"0.1\"} 1", "le=\"0.1\"} 5")))
                .hasMessageContaining("counts fall");
    }

    @Test
    void anUnquotedLabelValueIsRejected() {
        assertThatThrownBy(() -> ExpositionParser.parse("c_total{task=a} 1\n")).hasMessageContaining("quoted");
    }

    @Test
    void aTypeAfterItsSamplesIsRejected() {
        assertThatThrownBy(() -> ExpositionParser.parse("c_total 1\n# TYPE c counter\n"))
                .hasMessageContaining("after its samples");
    }
}
