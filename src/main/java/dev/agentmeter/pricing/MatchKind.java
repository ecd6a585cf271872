package dev.agentmeter.pricing;

/** How a price row's model id matches a reported one. */
enum MatchKind {
    /** Only the same id (after {@link ModelIds#normalise}). */
    EXACT,
    /** The same id, or one that continues it after a separator: {@code gpt-4o} prices {@code gpt-4o-2024-08-06}. */
    PREFIX
}
