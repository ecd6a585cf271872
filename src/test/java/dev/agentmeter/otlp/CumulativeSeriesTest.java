package dev.agentmeter.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;

class CumulativeSeriesTest {

    private static final List<KeyValue> RESOURCE = List.of(attribute("service.name", "claude-code"));
    private static final List<KeyValue> INPUT = List.of(attribute("type", "input"), attribute("model", "m"));

    private static KeyValue attribute(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    @Test
    void aNewSeriesCountsFromItsStartAndThenByWhatItGrew() {
        var series = new CumulativeSeries(10);

        assertThat(series.delta(RESOURCE, "tokens", INPUT, 5, 100)).isEqualTo(100);
        assertThat(series.delta(RESOURCE, "tokens", INPUT, 5, 130)).isEqualTo(30);
        assertThat(series.delta(RESOURCE, "tokens", INPUT, 5, 130)).isZero();
    }

    @Test
    void theSameAttributesInAnotherOrderAreTheSameSeries() {
        var series = new CumulativeSeries(10);
        series.delta(RESOURCE, "tokens", INPUT, 5, 100);

        assertThat(series.delta(RESOURCE, "tokens", List.of(INPUT.get(1), INPUT.get(0)), 5, 150)).isEqualTo(50);
    }

    @Test
    void aSeriesThatDroppedOrRestartedCountsFromZeroAgain() {
        var series = new CumulativeSeries(10);
        series.delta(RESOURCE, "tokens", INPUT, 5, 100);

        assertThat(series.delta(RESOURCE, "tokens", INPUT, 5, 40)).isEqualTo(40);
        assertThat(series.delta(RESOURCE, "tokens", INPUT, 9, 60)).as("a new start time").isEqualTo(60);
    }

    @Test
    void pastTheBoundTheLeastRecentlyUpdatedSeriesIsForgotten() {
        var series = new CumulativeSeries(2);
        series.delta(RESOURCE, "a", INPUT, 1, 10);
        series.delta(RESOURCE, "b", INPUT, 1, 10);
        series.delta(RESOURCE, "a", INPUT, 1, 15);
        series.delta(RESOURCE, "c", INPUT, 1, 10);

        assertThat(series.size()).isEqualTo(2);
        assertThat(series.delta(RESOURCE, "a", INPUT, 1, 20)).as("kept").isEqualTo(5);
        assertThat(series.delta(RESOURCE, "b", INPUT, 1, 20)).as("forgotten: counts from its start").isEqualTo(20);
    }
}
