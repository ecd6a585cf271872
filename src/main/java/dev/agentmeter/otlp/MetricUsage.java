package dev.agentmeter.otlp;

import static dev.agentmeter.otlp.Target.AGENT;
import static dev.agentmeter.otlp.Target.CACHE_READ_TOKENS;
import static dev.agentmeter.otlp.Target.CACHE_WRITE_TOKENS;
import static dev.agentmeter.otlp.Target.COST_USD;
import static dev.agentmeter.otlp.Target.INPUT_TOKENS;
import static dev.agentmeter.otlp.Target.MODEL;
import static dev.agentmeter.otlp.Target.OUTPUT_TOKENS;
import static dev.agentmeter.otlp.Target.PROVIDER;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.DataPointFlags;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;

/**
 * Usage metrics to usage objects: the token and cost metrics of the table's metric rows are summed per
 * sender, model and dialect over one request (a histogram's sum is its tokens; a counter's value is its
 * tokens or dollars), cumulative points first made deltas by {@link CumulativeSeries}. A sender whose spans or
 * events carry usage is skipped ({@link UsageSources}), as is every other metric and data point: all counted
 * as ignored.
 *
 * <p>Thread-safe (its state is in {@link CumulativeSeries} and {@link UsageSources}).
 */
final class MetricUsage {

    private static final Map<String, MappingTable.MetricRow> METRICS = MappingTable.METRICS.stream()
            .collect(Collectors.toUnmodifiableMap(MappingTable.MetricRow::metric, row -> row));
    private static final Map<String, Target> TOKEN_TYPES = MappingTable.TOKEN_TYPES.stream()
            .collect(Collectors.toUnmodifiableMap(row -> row.dialect() + "/" + row.value(),
                    MappingTable.TokenTypeRow::target));
    /** Dialects that report cost themselves: their usage is never priced by the price table. */
    private static final Set<Dialect> REPORTING_COST = MappingTable.METRICS.stream()
            .filter(row -> row.measure() == MappingTable.Measure.COST_USD).map(MappingTable.MetricRow::dialect)
            .collect(Collectors.toUnmodifiableSet());

    private final UsageSources sources;
    private final CumulativeSeries series;

    MetricUsage(UsageSources sources, CumulativeSeries series) {
        this.sources = sources;
        this.series = series;
    }

    UsageBatch of(ExportMetricsServiceRequest request) {
        var groups = new ArrayList<UsageBatch.Group>();
        int ignored = 0;
        for (ResourceMetrics resourceMetrics : request.getResourceMetricsList()) {
            var resource = new Found();
            List<KeyValue> resourceAttributes = resourceMetrics.getResource().getAttributesList();
            AttributeReader.TABLE.read(Scope.RESOURCE, resourceAttributes, resource);
            boolean counts = sources.metricsCount(Senders.of(resource.text(AGENT)));
            var sums = new LinkedHashMap<List<Object>, Sum>();
            for (ScopeMetrics scopeMetrics : resourceMetrics.getScopeMetricsList()) {
                for (Metric metric : scopeMetrics.getMetricsList()) {
                    MappingTable.MetricRow row = METRICS.get(metric.getName());
                    if (!counts || row == null || row.measure() == MappingTable.Measure.ACCEPTED_NOT_RECORDED) {
                        ignored += MetricPoints.count(metric);
                        continue;
                    }
                    List<MetricPoints.Point> points = MetricPoints.of(metric);
                    ignored += MetricPoints.count(metric) - points.size();
                    for (MetricPoints.Point point : points) {
                        ignored += add(sums, row, metric, point, resource, resourceAttributes) ? 0 : 1;
                    }
                }
            }
            sums.values().forEach(sum -> groups.add(new UsageBatch.Group(sum.usage(resource), sum.points, sum.isZero())));
        }
        return new UsageBatch(groups, ignored);
    }

    /** Adds one point to its group's sum; false when the point is not usage (an unknown token type, no value). */
    private boolean add(Map<List<Object>, Sum> sums, MappingTable.MetricRow row, Metric metric, MetricPoints.Point point,
                        Found resource, List<KeyValue> resourceAttributes) {
        if ((point.flags() & DataPointFlags.DATA_POINT_FLAGS_NO_RECORDED_VALUE_MASK_VALUE) != 0) {
            return false;
        }
        Target target = row.measure() == MappingTable.Measure.COST_USD ? COST_USD
                : TOKEN_TYPES.get(row.dialect() + "/" + text(point.attributes(), row.tokenTypeKey()));
        if (target == null) {
            return false;
        }
        double value = point.value();
        if (point.temporality() != AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA) {
            value = series.delta(resourceAttributes, metric.getName(), point.attributes(), point.startTimeNanos(),
                    value);
        }
        Found found = resource.copy();
        AttributeReader.TABLE.read(Scope.DATA_POINT, point.attributes(), found);
        Object provider = found.has(PROVIDER) ? found.get(PROVIDER) : row.provider();
        sums.computeIfAbsent(List.of(row.dialect(), String.valueOf(found.get(MODEL)), String.valueOf(provider)),
                key -> new Sum(row.dialect(), found.get(MODEL), provider)).add(target, value);
        return true;
    }

    private static String text(List<KeyValue> attributes, String key) {
        for (KeyValue attribute : attributes) {
            if (attribute.getKey().equals(key)) {
                return attribute.getValue().getStringValue();
            }
        }
        return null;
    }

    /** One group's running sums. Not thread-safe: one request's scratch pad. */
    private static final class Sum {
        private final Dialect dialect;
        private final Object model;
        private final Object provider;
        private final Map<Target, Double> totals = new EnumMap<>(Target.class);
        private int points;

        Sum(Dialect dialect, Object model, Object provider) {
            this.dialect = dialect;
            this.model = model;
            this.provider = provider;
        }

        void add(Target target, double value) {
            totals.merge(target, value, Double::sum);
            points++;
        }

        /** The usage object; input tokens normalised to include the cached ones, as for tasks. */
        Map<String, Object> usage(Found resource) {
            var usage = new HashMap<String, Object>();
            usage.put(AGENT.field(), resource.get(AGENT));
            usage.put(MODEL.field(), model);
            usage.put(PROVIDER.field(), provider);
            long cached = 0;
            for (Target tokens : List.of(INPUT_TOKENS, OUTPUT_TOKENS, CACHE_READ_TOKENS, CACHE_WRITE_TOKENS)) {
                Double total = totals.get(tokens);
                if (total != null) {
                    usage.put(tokens.field(), Math.round(total));
                    cached += tokens == CACHE_READ_TOKENS || tokens == CACHE_WRITE_TOKENS ? Math.round(total) : 0;
                }
            }
            if (!dialect.inputCountsCache() && cached > 0) {
                usage.merge(INPUT_TOKENS.field(), cached, (input, more) -> (Long) input + (Long) more);
            }
            Double cost = totals.get(COST_USD);
            usage.put(COST_USD.field(), cost != null ? cost : REPORTING_COST.contains(dialect) ? Double.valueOf(0) : null);
            usage.values().removeIf(value -> value == null);
            return usage;
        }

        boolean isZero() {
            return totals.values().stream().allMatch(total -> total == 0);
        }
    }
}
