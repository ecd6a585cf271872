package dev.agentmeter.export;

import java.util.Set;

import io.opentelemetry.exporter.internal.FailedExportException;

/**
 * What a failed export means, by the OTLP specification: an answer of 429, 502, 503 or 504, or no answer at all
 * (connection refused, timed out), is an outage to wait out, and the batch is kept and sent again; any other
 * answer (400, 401, 413, ...) refuses the batch for good, and sending it again would only be refused again.
 *
 * <p>The SDK's exporter has already retried the transient failures within its timeout; this decides what happens
 * after. It reads the status from the SDK's {@code FailedExportException}, the only place the SDK gives it: an
 * internal class, pinned by {@code ExportFailuresTest} so that an SDK upgrade that moves it fails the build.
 * Stateless.
 */
final class ExportFailures {

    /** The answers OTLP/HTTP says to retry. */
    static final Set<Integer> RETRYABLE_STATUSES = Set.of(429, 502, 503, 504);

    /** A failure: whether to keep the batch for a retry, and why it failed, for the log. */
    record Failure(boolean retryable, String reason) {
    }

    private ExportFailures() {
    }

    /** Classifies the throwable a failed export result carries ({@code null} when it carries none). */
    static Failure classify(Throwable failure) {
        if (failure instanceof FailedExportException.HttpExportException http && http.failedWithResponse()) {
            int status = http.getResponse().getStatusCode();
            return new Failure(RETRYABLE_STATUSES.contains(status), "HTTP " + status);
        }
        Throwable cause = failure == null ? null : failure.getCause() == null ? failure : failure.getCause();
        if (cause == null) {
            return new Failure(true, "the export failed without a reason");
        }
        String message = cause.getMessage();
        return new Failure(true, cause.getClass().getSimpleName() + (message == null ? "" : ": " + message));
    }
}
