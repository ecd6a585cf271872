package dev.agentmeter.metrics;

import java.time.Instant;
import java.util.Objects;

/**
 * One finished agent task, as recorded: immutable and safe to share between threads.
 *
 * @param name           the task name (the contract's {@code endpoint}), already sanitized by the caller
 * @param durationMicros how long the task took, in microseconds, never negative
 * @param success        whether the task succeeded
 * @param error          the error message of a failed task ({@link #UNKNOWN_ERROR} if none was given);
 *                       {@code null} when it succeeded
 * @param timestamp      when the task finished
 * @param agent          which agent ran it (a client's name, say); {@code null} when unknown
 * @param modelCall      the model, tokens and cost when the task was a model call; {@code null} otherwise
 * @param traceId        the OpenTelemetry trace the task belongs to (32 lowercase hex digits); {@code null}
 *                       when it came without one
 */
public record TaskRecord(String name, long durationMicros, boolean success, String error, Instant timestamp,
                         String agent, ModelCall modelCall, String traceId) {

    /** The error message of a failed task that was recorded without one. */
    public static final String UNKNOWN_ERROR = "unknown error";

    public TaskRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(timestamp, "timestamp");
        if (durationMicros < 0) {
            throw new IllegalArgumentException("durationMicros must not be negative: " + durationMicros);
        }
        if (success) {
            error = null;
        } else if (error == null || error.isBlank()) {
            error = UNKNOWN_ERROR;
        }
    }

    /** A task of no known agent. */
    public TaskRecord(String name, long durationMicros, boolean success, String error, Instant timestamp) {
        this(name, durationMicros, success, error, timestamp, null);
    }

    /** A task that was no model call and came without a trace. */
    public TaskRecord(String name, long durationMicros, boolean success, String error, Instant timestamp,
                      String agent) {
        this(name, durationMicros, success, error, timestamp, agent, null, null);
    }

    /** The duration in milliseconds, with microsecond precision. */
    public double durationMillis() {
        return durationMicros / 1000.0;
    }
}
