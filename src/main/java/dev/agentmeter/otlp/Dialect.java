package dev.agentmeter.otlp;

/**
 * The attribute vocabularies AgentMeter reads, and whether each one's input token count already includes
 * the cached tokens (as the OpenTelemetry GenAI convention says it must). A dialect that counts them apart
 * (Anthropic's API, and so Claude Code) is normalised: input = input + cache read + cache write.
 */
enum Dialect {
    GEN_AI("OpenTelemetry GenAI semantic conventions", true),
    GEN_AI_LEGACY("older GenAI attributes (OpenLLMetry, OpenLIT, semantic conventions before 1.27)", true),
    OPENINFERENCE("OpenInference (Arize Phoenix and its instrumentations)", true),
    MCP("OpenTelemetry MCP semantic conventions", true),
    RESOURCE("OpenTelemetry resource", true),
    CLAUDE_CODE("Claude Code's events and metrics", false);

    private final String description;
    private final boolean inputCountsCache;

    Dialect(String description, boolean inputCountsCache) {
        this.description = description;
        this.inputCountsCache = inputCountsCache;
    }

    String description() {
        return description;
    }

    boolean inputCountsCache() {
        return inputCountsCache;
    }
}
