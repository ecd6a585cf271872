package dev.agentmeter.export;

import java.util.List;

import dev.agentmeter.operations.FleetInstanceView;

/**
 * What the dashboard's server-health panel shows ({@code GET /api/server}): the process, AgentMeter's own
 * API routes and MCP tools, OTLP export, and the fleet's instances. Immutable.
 *
 * @param heapMaxBytes null when the JVM sets no limit
 * @param openEventStreams live dashboard streams open now
 * @param otlpExport how OTLP export is going; null when AgentMeter exports no spans
 * @param instances the instances sharing this one's PostgreSQL database, this one included; empty without one
 */
public record ServerStatusView(long uptimeSeconds, long heapUsedBytes, Long heapMaxBytes, int threads,
                               int openEventStreams, List<RouteLoad> routes, List<ToolLoad> tools,
                               OtlpExportView otlpExport, List<FleetInstanceView> instances) {

    /** One API route and method: how often it answered, how often with a 5xx, and its approximate p95. */
    public record RouteLoad(String route, String method, long requests, long serverErrors, Double p95Ms) {
    }

    /** One MCP tool: how often it was called, how often it answered an error, and its approximate p95. */
    public record ToolLoad(String tool, long calls, long errors, Double p95Ms) {
    }
}
