package dev.agentmeter.mcp;

import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpClientTransport;

/** The tools over stdio, with the SDK's client starting {@code agentmeter --stdio} as a child JVM. */
class McpStdioToolsTest extends McpToolsContract {

    @Override
    protected void startServer() {
        // Each client transport starts its own server process.
    }

    @Override
    protected void stopServer() {
        // Each server process ends with its client's stdin.
    }

    @Override
    protected McpClientTransport newClientTransport() {
        var parameters = ServerParameters.builder(AgentMeterProcess.javaExecutable())
                .args(AgentMeterProcess.commandArguments("--stdio", "--no-http"))
                .build();
        return new StdioClientTransport(parameters, McpJsonDefaults.getMapper());
    }

    /**
     * Nothing to wait for: the client writes requests to the pipe in the order they are sent, and the server
     * dispatches lines in the order it reads them, so the simulations are running before a later request is read.
     */
    @Override
    protected void awaitSimulationsRunning(int count) {
    }
}
