package dev.agentmeter.mcp;

import dev.agentmeter.AgentMeter;
import dev.agentmeter.Running;
import dev.agentmeter.testing.ChildCommand;
import dev.agentmeter.testing.TestSettings;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpClientTransport;

/** The server a transport contract talks to, and how a client reaches it: one per transport. */
interface McpServerUnderTest {

    void start() throws Exception;

    void stop();

    McpClientTransport newClientTransport();

    /** The real server in this JVM on a free loopback port, reached over Streamable HTTP at {@code /mcp}. */
    final class OverHttp implements McpServerUnderTest {
        private Running running;

        @Override
        public void start() throws Exception {
            running = AgentMeter.start(TestSettings.forTests());
        }

        @Override
        public void stop() {
            if (running != null) {
                running.stop();
            }
        }

        @Override
        public McpClientTransport newClientTransport() {
            return HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + running.httpPort())
                    .endpoint("/mcp")
                    .build();
        }

        Running running() {
            return running;
        }
    }

    /** {@code agentmeter --stdio --no-http} as a child JVM that each client transport starts and ends. */
    final class OverStdio implements McpServerUnderTest {
        @Override
        public void start() {
            // Each client transport starts its own server process.
        }

        @Override
        public void stop() {
            // Each server process ends with its client's stdin.
        }

        @Override
        public McpClientTransport newClientTransport() {
            var parameters = ServerParameters.builder(ChildCommand.java())
                    .args(ChildCommand.agentMeter("--stdio", "--no-http"))
                    .build();
            return new StdioClientTransport(parameters, McpJsonDefaults.getMapper());
        }
    }
}
