package dev.agentmeter.otlp;

import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;

import com.google.protobuf.Message;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;

import dev.agentmeter.operations.Envelope;

/**
 * Metrics: the usage groups of {@link MetricUsage}, each recorded into the token and cost totals by the
 * usage rules (memory only, like every figure that is not a task). A group the rules refuse counts its data
 * points as rejected in the partial success; the other groups are recorded all the same.
 *
 * <p>Thread-safe.
 */
final class MetricIngest implements SignalIngest {

    private final MetricUsage mapping;
    private final UsageRecorder usage;
    private final OtlpObserver observer;

    MetricIngest(MetricUsage mapping, UsageRecorder usage, OtlpObserver observer) {
        this.mapping = mapping;
        this.usage = usage;
        this.observer = observer;
    }

    @Override
    public CompletableFuture<Outcome> ingest(Message request) {
        UsageBatch batch = mapping.of((ExportMetricsServiceRequest) request);
        long recorded = 0;
        long rejected = 0;
        int points = batch.ignoredPoints();
        var problems = new ArrayList<String>();
        for (UsageBatch.Group group : batch.groups()) {
            points += group.points();
            Envelope answer = group.zero() ? null : usage.record(group.usage());
            if (answer instanceof Envelope.Failure failure) {
                rejected += group.points();
                problems.add(describe(group) + ": " + failure.message());
            } else {
                recorded += group.points();
            }
        }
        observe(OtlpObserver.RECORDED, recorded);
        observe(OtlpObserver.REJECTED, rejected);
        observe(OtlpObserver.IGNORED, batch.ignoredPoints());
        String message = rejected == 0 ? "" : rejected + " of " + points + " data points were refused: "
                + String.join("; ", problems);
        return CompletableFuture.completedFuture(new Outcome.Accepted(rejected, message));
    }

    private static String describe(UsageBatch.Group group) {
        Object model = group.usage().get("model");
        return "the usage of " + (model == null ? "no named model" : "model " + model) + " from "
                + group.points() + " point(s)";
    }

    private void observe(String outcome, long count) {
        if (count > 0) {
            observer.observe(Signal.METRICS.label(), outcome, count);
        }
    }
}
