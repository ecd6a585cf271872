package dev.agentmeter.export;

/** Where the tasks an {@link OtlpTaskExporter} sends come from, which decides how their spans are attributed. */
public enum TaskOrigin {

    /** Tasks AgentMeter recorded (reported, simulated, received): model calls or agent tools. */
    RECORDED,

    /** MCP {@code tools/call} requests the proxy watched between a client and a server. */
    MCP_PROXY
}
