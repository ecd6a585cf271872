package dev.agentmeter.operations;

/**
 * What a simulated task did: {@code duration} is the time it really took, in seconds (millisecond
 * precision); {@code error} is null when it succeeded.
 */
public record SimulationOutcome(String name, double duration, boolean success, String error,
                                double responseTimeMs, String timestamp) {
}
