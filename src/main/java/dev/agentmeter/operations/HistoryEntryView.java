package dev.agentmeter.operations;

import dev.agentmeter.metrics.ModelCall;
import dev.agentmeter.metrics.TaskRecord;

/**
 * One request history entry; {@code endpoint} is the task name, {@code error} null when it succeeded. The
 * rest is null when unknown: {@code agent}, and for a task that was no model call (or did not say) the
 * model, provider, tokens ({@code inputTokens} counts cached ones too), cost and trace id.
 */
public record HistoryEntryView(String timestamp, String endpoint, double responseTimeMs, boolean success,
                               String error, String agent, String model, String provider, Long inputTokens,
                               Long outputTokens, Double costUsd, String traceId) {

    /** An entry of a task that was no model call and came without a trace. */
    public HistoryEntryView(String timestamp, String endpoint, double responseTimeMs, boolean success,
                            String error, String agent) {
        this(timestamp, endpoint, responseTimeMs, success, error, agent, null, null, null, null, null, null);
    }

    static HistoryEntryView of(TaskRecord task) {
        ModelCall call = task.modelCall();
        boolean none = call == null;
        return new HistoryEntryView(IsoTimestamps.format(task.timestamp()), task.name(), task.durationMillis(),
                task.success(), task.error(), task.agent(), none ? null : call.model(),
                none ? null : call.provider(), none ? null : call.inputTokens(), none ? null : call.outputTokens(),
                none ? null : call.costUsd(), task.traceId());
    }
}
