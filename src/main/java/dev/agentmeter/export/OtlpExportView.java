package dev.agentmeter.export;

/**
 * How OTLP export is going, for {@code /api/server} and {@code /metrics}. Immutable; counts since start.
 *
 * @param endpoint      where spans go (without any user information)
 * @param queuedSpans   tasks waiting to leave now
 * @param queueCapacity the most that may wait
 * @param inFlightSpans spans in the request being sent (or retried) now
 * @param exportedSpans spans the receiver took
 * @param droppedSpans  tasks that found the queue full (or came after the stop) and never left
 * @param refusedSpans  spans the receiver refused with an answer that must not be retried (a 400, a 401, ...)
 * @param failing       whether the last attempt failed and the batch in flight waits for a retry
 */
public record OtlpExportView(String endpoint, int queuedSpans, int queueCapacity, int inFlightSpans,
                             long exportedSpans, long droppedSpans, long refusedSpans, boolean failing) {
}
