package dev.agentmeter;

import java.util.concurrent.CompletionStage;

import dev.agentmeter.mcp.McpFeatures;
import dev.agentmeter.mcp.McpServers;
import dev.agentmeter.mcp.features.ToolDefinitions;
import dev.agentmeter.mcp.features.ToolHandlers;
import dev.agentmeter.operations.AlertOperations;
import dev.agentmeter.operations.JsonCodec;
import dev.agentmeter.operations.PerformanceOperations;

/** The MCP servers (tools, resources, prompts) over the operations; stdio and HTTP are served from them. */
final class McpWiring {

    private McpWiring() {
    }

    /** The tools' descriptions and schemas: they need the settings alone, so they are built while storage starts. */
    static ToolDefinitions toolDefinitions(Settings settings) {
        return new ToolDefinitions(settings.historySize(), settings.errorLogSize());
    }

    /**
     * Each tool call, and each MCP request of any method (those answered before it is built too), is counted by
     * {@code exporter} for {@code /metrics};
     * nothing reads or records figures until {@code figuresReady} completes (see {@link McpServers}).
     */
    static McpServers servers(Settings settings, ToolDefinitions definitions, PerformanceOperations operations,
                              AlertOperations alerts, JsonCodec json, ExporterOnceBuilt exporter,
                              CompletionStage<?> figuresReady) {
        var tools = new ToolHandlers(definitions, operations, alerts, json, exporter::observeToolCall,
                System::nanoTime);
        return new McpServers(McpFeatures.of(tools, operations, json, settings.historySize(),
                settings.errorLogSize()), operations, Version.current(), exporter,
                figuresReady);
    }
}
