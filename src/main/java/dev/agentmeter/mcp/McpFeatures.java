package dev.agentmeter.mcp;

import dev.agentmeter.mcp.app.AppDefinitions;
import dev.agentmeter.mcp.app.AppHandlers;
import dev.agentmeter.mcp.app.AppPage;
import dev.agentmeter.mcp.features.CompletionHandlers;
import dev.agentmeter.mcp.features.PromptDefinitions;
import dev.agentmeter.mcp.features.PromptHandlers;
import dev.agentmeter.mcp.features.ResourceDefinitions;
import dev.agentmeter.mcp.features.ResourceHandlers;
import dev.agentmeter.mcp.features.ToolDefinitions;
import dev.agentmeter.mcp.features.ToolHandlers;
import dev.agentmeter.operations.JsonCodec;
import dev.agentmeter.operations.PanelOperations;
import dev.agentmeter.operations.PerformanceOperations;

/**
 * Everything an AgentMeter MCP server offers, each bound to the operations: tools, resources (and the task
 * template), prompts, completions for their arguments, and the dashboard panel (an MCP App: its page and tools).
 */
public record McpFeatures(ToolHandlers tools, ResourceHandlers resources, PromptHandlers prompts,
                          CompletionHandlers completions, AppHandlers app) {

    /** The features over {@code operations}; the capacities are those the descriptions and defaults state. */
    public static McpFeatures of(PerformanceOperations operations, JsonCodec json, int historySize, int errorLogSize) {
        return of(new ToolHandlers(new ToolDefinitions(historySize, errorLogSize), operations, json), operations,
                json, historySize, errorLogSize);
    }

    /** The features with these {@code tools} (bound to alerts and self-monitoring by the wiring). */
    public static McpFeatures of(ToolHandlers tools, PerformanceOperations operations, JsonCodec json,
                                 int historySize, int errorLogSize) {
        return new McpFeatures(
                tools,
                new ResourceHandlers(new ResourceDefinitions(historySize, errorLogSize), operations, json,
                        historySize, errorLogSize),
                new PromptHandlers(new PromptDefinitions(errorLogSize), operations, json, errorLogSize),
                new CompletionHandlers(operations),
                new AppHandlers(new AppDefinitions(), new PanelOperations(operations, historySize, errorLogSize),
                        tools, json, new AppPage()));
    }
}
