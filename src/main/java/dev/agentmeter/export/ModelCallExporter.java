package dev.agentmeter.export;

import dev.agentmeter.metrics.MetricsEvent;
import dev.agentmeter.metrics.ModelCall;
import dev.agentmeter.metrics.TaskRecord;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Model calls as the OpenTelemetry GenAI client metrics name them, plus what they cost:
 * <ul>
 *   <li>{@code gen_ai_client_token_usage{gen_ai_token_type, gen_ai_request_model, gen_ai_provider_name}}: a
 *       histogram of the input and output tokens of each model call (and of each usage report without a task),
 *       with the semantic conventions' token buckets;</li>
 *   <li>{@code gen_ai_client_operation_duration_seconds{gen_ai_request_model, gen_ai_provider_name,
 *       error_type}}: a histogram of model-call durations with the conventions' duration buckets;</li>
 *   <li>{@code agentmeter_cost_usd_total{model, agent}}: the known cost in US dollars (a call of unknown cost
 *       adds nothing).</li>
 * </ul>
 * Labels are bounded ({@link ModelLabels}, and {@link TaskLabels} for the agent). Fed by the core's event
 * listener like {@link TaskExporter}; like its series, these only grow, across resets too.
 *
 * <p>Thread-safe: the Prometheus metrics are.
 */
final class ModelCallExporter {

    /** The GenAI semantic conventions' bucket bounds for {@code gen_ai.client.token.usage}. */
    static final double[] TOKEN_BUCKETS = {1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304,
        16777216, 67108864};

    /** The GenAI semantic conventions' bucket bounds for {@code gen_ai.client.operation.duration}, in seconds. */
    static final double[] DURATION_BUCKETS = {0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24,
        20.48, 40.96, 81.92};

    private final ModelLabels labels = new ModelLabels();
    private final TaskLabels agents;
    private final Histogram tokens;
    private final Histogram durations;
    private final Counter cost;

    /** {@code agents} gives the {@code agent} label the values the task series use. */
    ModelCallExporter(TaskLabels agents, PrometheusRegistry registry) {
        this.agents = agents;
        this.tokens = Histogram.builder()
                .name("gen_ai_client_token_usage")
                .help("Tokens used per model call, by token type (input, cached ones included, or output).")
                .labelNames("gen_ai_token_type", "gen_ai_request_model", "gen_ai_provider_name")
                .classicOnly()
                .classicUpperBounds(TOKEN_BUCKETS)
                .register(registry);
        this.durations = Histogram.builder()
                .name("gen_ai_client_operation_duration_seconds")
                .help("How long model calls took, in seconds; error_type is set for failed calls.")
                .labelNames("gen_ai_request_model", "gen_ai_provider_name", "error_type")
                .classicOnly()
                .classicUpperBounds(DURATION_BUCKETS)
                .register(registry);
        this.cost = Counter.builder()
                .name("agentmeter_cost_usd_total")
                .help("The known cost of model calls and usage reports, in US dollars, by model and agent.")
                .labelNames("model", "agent")
                .register(registry);
    }

    void onMetricsEvent(MetricsEvent event) {
        if (event instanceof MetricsEvent.TaskRecorded recorded && recorded.task().modelCall() != null) {
            TaskRecord task = recorded.task();
            String[] model = labels.of(task.modelCall().model(), task.modelCall().provider());
            durations.labelValues(model[0], model[1], labels.errorType(task)).observe(task.durationMicros() / 1e6);
            recordUsage(task.agent(), task.modelCall(), model);
        } else if (event instanceof MetricsEvent.UsageRecorded usage) {
            recordUsage(usage.agent(), usage.usage(), labels.of(usage.usage().model(), usage.usage().provider()));
        }
    }

    private void recordUsage(String agent, ModelCall call, String[] model) {
        if (call.inputTokens() != null) {
            tokens.labelValues("input", model[0], model[1]).observe(call.inputTokens());
        }
        if (call.outputTokens() != null) {
            tokens.labelValues("output", model[0], model[1]).observe(call.outputTokens());
        }
        if (call.costNanoUsd() != null) {
            cost.labelValues(labels.model(call.model()), agents.agent(agent)).inc(call.costUsd());
        }
    }
}
