package dev.agentmeter.otlp;

import java.util.ArrayList;
import java.util.List;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;

/**
 * The data points of a metric that can hold usage, whatever its type: a sum's values, a histogram's (or an
 * exponential histogram's) sums, each with its temporality. Gauges and summaries hold no usage: none of
 * their points are given (they are counted, as ignored).
 *
 * <p>Thread-safe (stateless).
 */
final class MetricPoints {

    /** One point: what it adds, and what identifies its series. */
    record Point(List<KeyValue> attributes, long startTimeNanos, double value, AggregationTemporality temporality,
                 int flags) {
    }

    private MetricPoints() {
    }

    /** The usable points of {@code metric}; a histogram point without a sum is left out. */
    static List<Point> of(Metric metric) {
        var points = new ArrayList<Point>();
        switch (metric.getDataCase()) {
            case SUM -> {
                AggregationTemporality temporality = metric.getSum().getAggregationTemporality();
                for (NumberDataPoint point : metric.getSum().getDataPointsList()) {
                    double value = point.getValueCase() == NumberDataPoint.ValueCase.AS_INT ? point.getAsInt()
                            : point.getAsDouble();
                    points.add(new Point(point.getAttributesList(), point.getStartTimeUnixNano(), value, temporality,
                            point.getFlags()));
                }
            }
            case HISTOGRAM -> {
                AggregationTemporality temporality = metric.getHistogram().getAggregationTemporality();
                for (HistogramDataPoint point : metric.getHistogram().getDataPointsList()) {
                    if (point.hasSum()) {
                        points.add(new Point(point.getAttributesList(), point.getStartTimeUnixNano(), point.getSum(),
                                temporality, point.getFlags()));
                    }
                }
            }
            case EXPONENTIAL_HISTOGRAM -> {
                AggregationTemporality temporality = metric.getExponentialHistogram().getAggregationTemporality();
                for (ExponentialHistogramDataPoint point : metric.getExponentialHistogram().getDataPointsList()) {
                    if (point.hasSum()) {
                        points.add(new Point(point.getAttributesList(), point.getStartTimeUnixNano(), point.getSum(),
                                temporality, point.getFlags()));
                    }
                }
            }
            default -> {
                // Gauges and summaries: no usage.
            }
        }
        return points;
    }

    /** How many data points {@code metric} holds, of any type. */
    static int count(Metric metric) {
        return switch (metric.getDataCase()) {
            case SUM -> metric.getSum().getDataPointsCount();
            case GAUGE -> metric.getGauge().getDataPointsCount();
            case HISTOGRAM -> metric.getHistogram().getDataPointsCount();
            case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogram().getDataPointsCount();
            case SUMMARY -> metric.getSummary().getDataPointsCount();
            case DATA_NOT_SET -> 0;
        };
    }
}
