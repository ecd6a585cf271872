package dev.agentmeter.operations;

/**
 * One AgentMeter instance that shares this one's database, as {@code GET /api/server} lists it ({@code instances}).
 * Immutable.
 *
 * @param id           the instance's id, new at every start
 * @param host         the machine it runs on
 * @param startedAt    when it started (ISO-8601 UTC)
 * @param lastSeenAt   when it last said it was alive (ISO-8601 UTC)
 * @param alive        whether it said so within the last three heartbeats
 * @param thisInstance whether it is the instance that answers
 */
public record FleetInstanceView(String id, String host, String startedAt, String lastSeenAt, boolean alive,
                                boolean thisInstance) {
}
