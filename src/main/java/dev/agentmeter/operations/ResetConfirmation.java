package dev.agentmeter.operations;

/** The answer to a reset: how much was cleared and when. */
public record ResetConfirmation(boolean reset, long clearedRequests, String resetAt, String message) {
}
