package dev.agentmeter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse.JSONRPCError;

/** What the SDK words from a Java exception never reaches a client. */
class McpErrorsTest {

    @Test
    void anInternalErrorWordedFromAJavaExceptionGetsOurMessage() {
        JSONRPCMessage sdkAnswer = JSONRPCResponse.error(7, new JSONRPCError(ErrorCodes.INTERNAL_ERROR,
                "Cannot invoke \"io.modelcontextprotocol.spec.McpSchema$CallToolRequest.name()\" because "
                        + "\"callToolRequest\" is null", "java.lang.NullPointerException"));

        var sent = (JSONRPCResponse) McpErrors.withoutInternals(sdkAnswer);

        assertThat(sent.id()).isEqualTo(7);
        assertThat(sent.error().code()).isEqualTo(ErrorCodes.INTERNAL_ERROR);
        assertThat(sent.error().message()).isEqualTo(McpErrors.INTERNAL_MESSAGE);
        assertThat(sent.error().data()).isNull();
    }

    @Test
    void otherAnswersPassUnchanged() {
        JSONRPCMessage invalid = JSONRPCResponse.error(1, new JSONRPCError(ErrorCodes.INVALID_PARAMS, "name is required"));
        JSONRPCMessage result = JSONRPCResponse.result(2, "ok");

        assertThat(McpErrors.withoutInternals(invalid)).isSameAs(invalid);
        assertThat(McpErrors.withoutInternals(result)).isSameAs(result);
    }
}
