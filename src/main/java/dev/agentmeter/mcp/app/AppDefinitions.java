package dev.agentmeter.mcp.app;

import java.util.List;
import java.util.Map;

import dev.agentmeter.mcp.features.EnvelopeSchemas;

import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;

/**
 * What the dashboard panel is, as an MCP client sees it (the MCP Apps extension, {@code io.modelcontextprotocol/ui},
 * SEP-1865): the {@code ui://agentmeter/dashboard} resource, an HTML page, with its {@code _meta.ui} (no network
 * origins at all, a border); {@code show_dashboard}, which opens it; {@code get_live_view}, which only the panel
 * calls ({@code visibility: ["app"]}, so a host keeps it from the model); and the extension's entry in the
 * server's capabilities. Only definitions live here; {@link AppHandlers} binds them.
 *
 * <p>Immutable and thread-safe.
 */
public final class AppDefinitions {

    public static final String EXTENSION_ID = "io.modelcontextprotocol/ui";
    public static final String MIME_TYPE = "text/html;profile=mcp-app";
    public static final String RESOURCE_URI = "ui://agentmeter/dashboard";
    public static final String SHOW_DASHBOARD = "show_dashboard";
    public static final String GET_LIVE_VIEW = "get_live_view";

    /** The capability settings: the content type this server's panels come in. */
    public static final Map<String, Object> EXTENSION_SETTINGS = Map.of("mimeTypes", List.of(MIME_TYPE));

    /**
     * The resource's {@code _meta}: under {@code ui} an empty CSP (the page fetches nothing, loads nothing) and a
     * border. SEP-1865 has no preferred size (the page reports its height with {@code ui/notifications/size-changed});
     * hosts that still follow MCP-UI read the size under its own key.
     */
    static final Map<String, Object> RESOURCE_META = Map.of(
            "ui", Map.of(
                    "csp", Map.of("connectDomains", List.of(), "resourceDomains", List.of()),
                    "prefersBorder", true),
            "mcpui.dev/ui-preferred-frame-size", List.of("100%", "760px"));

    private static final String ENVELOPE_NOTE = " The structured content is {\"status\":\"success\",\"data\":...}, "
            + "or {\"status\":\"error\",\"error\":{\"code\",\"message\"}} whose message says what to fix.";

    private final Resource dashboard;
    private final Tool showDashboard;
    private final Tool liveView;

    public AppDefinitions() {
        dashboard = Resource.builder(RESOURCE_URI, "agentmeter_dashboard")
                .title("AgentMeter dashboard panel")
                .description("The live AgentMeter dashboard as an interactive panel for MCP clients that show MCP "
                        + "Apps: the metric cards, throughput and latency over the last 15 minutes, the newest "
                        + "failures, the per-task table and, where known, tokens and cost. One self-contained HTML "
                        + "page that fetches nothing itself; it reads the figures by calling get_live_view through "
                        + "the client. Opened by show_dashboard.")
                .mimeType(MIME_TYPE)
                .meta(RESOURCE_META)
                .build();
        showDashboard = Tool.builder(SHOW_DASHBOARD, AppSchemas.FILTER)
                .title("Show the AgentMeter dashboard")
                .description("Shows the person the live AgentMeter dashboard in the conversation, where the client "
                        + "supports MCP Apps: cards, throughput and latency charts, the newest failures and the "
                        + "per-task table, updating by itself. Call it when the person asks how their agents or "
                        + "tasks are doing. Give task to look at one task, or agent to look at one agent's tasks. "
                        + "The text answer is a short summary (tasks, error rate, p95, the task that fails most, "
                        + "tokens and cost when known) for clients without the panel." + ENVELOPE_NOTE)
                .outputSchema(EnvelopeSchemas.envelope(AppSchemas.SUMMARY))
                .annotations(readOnly("Show the AgentMeter dashboard"))
                .meta(toolMeta(List.of("model", "app"), true))
                .build();
        liveView = Tool.builder(GET_LIVE_VIEW, AppSchemas.FILTER)
                .title("Dashboard panel data")
                .description("Used by the AgentMeter dashboard panel (show_dashboard) to redraw itself: the "
                        + "dashboard data, the per-task table, the per-second series and the per-model table in one "
                        + "value. Hidden from models in clients that show MCP Apps; a model should call "
                        + "get_dashboard_data or show_dashboard instead." + ENVELOPE_NOTE)
                .outputSchema(EnvelopeSchemas.envelope(AppSchemas.LIVE_VIEW))
                .annotations(readOnly("Dashboard panel data"))
                .meta(toolMeta(List.of("app"), false))
                .build();
    }

    /** {@code show_dashboard}, then {@code get_live_view}. */
    public List<Tool> tools() {
        return List.of(showDashboard, liveView);
    }

    Resource dashboard() {
        return dashboard;
    }

    Tool showDashboard() {
        return showDashboard;
    }

    Tool liveView() {
        return liveView;
    }

    /**
     * {@code _meta.ui} of a tool tied to the panel; the tool that opens it also carries the flat
     * {@code ui/resourceUri} key that hosts written before the nested form still read.
     */
    private static Map<String, Object> toolMeta(List<String> visibility, boolean opensPanel) {
        Map<String, Object> ui = Map.of("resourceUri", RESOURCE_URI, "visibility", visibility);
        return opensPanel ? Map.of("ui", ui, "ui/resourceUri", RESOURCE_URI) : Map.of("ui", ui);
    }

    private static ToolAnnotations readOnly(String title) {
        return ToolAnnotations.builder()
                .title(title)
                .readOnlyHint(true)
                .destructiveHint(false)
                .idempotentHint(true)
                .openWorldHint(false)
                .build();
    }
}
