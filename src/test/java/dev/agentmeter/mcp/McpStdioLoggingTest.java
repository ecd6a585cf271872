package dev.agentmeter.mcp;

import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpClientTransport;

/** Log messages over stdio, with {@code agentmeter --stdio} as a child process. */
class McpStdioLoggingTest extends McpLoggingContract {

    @Override
    protected void startServer() {
        // The client transport starts the server process.
    }

    @Override
    protected void stopServer() {
        // The server process ends with its client's stdin.
    }

    @Override
    protected McpClientTransport newClientTransport() {
        var parameters = ServerParameters.builder(AgentMeterProcess.javaExecutable())
                .args(AgentMeterProcess.commandArguments("--stdio", "--no-http"))
                .build();
        return new StdioClientTransport(parameters, McpJsonDefaults.getMapper());
    }
}
