package dev.agentmeter.mcp.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.agentmeter.operations.Envelope;
import dev.agentmeter.operations.JsonCodec;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

class StructuredJsonTest {

    private final JsonCodec json = new JsonCodec();

    @Test
    void readsAsThePlainMapOfItsEnvelope() {
        Envelope envelope = Envelope.success(Map.of("total_requests", 3L));

        StructuredJson content = structured(envelope);

        assertThat(content).isEqualTo(json.asMap(envelope));
        assertThat(content.get("status")).isEqualTo("success");
    }

    @Test
    void isWrittenIntoAnMcpAnswerAsTheTextItCarries() throws Exception {
        StructuredJson content = structured(Envelope.invalidArgument("limit must be at least 1"));
        var result = CallToolResult.builder().structuredContent(content).addTextContent(content.text()).build();

        String written = McpJsonDefaults.getMapper().writeValueAsString(result);

        JsonNode answer = new ObjectMapper().readTree(written);
        assertThat(answer.path("structuredContent")).isEqualTo(content.tree());
        assertThat(answer.path("content").path(0).path("text").asText()).isEqualTo(content.text());
        assertThat(written).contains("\"structuredContent\":" + content.text());
    }

    @Test
    void convertsToTheTreeItCarries() {
        StructuredJson content = structured(Envelope.success(Map.of("total_requests", 3L)));

        JsonNode converted = new ObjectMapper().valueToTree(content);

        assertThat(converted).isEqualTo(content.tree());
    }

    @Test
    void structuredContentIsAJsonObject() {
        JsonNode array = new ObjectMapper().createArrayNode();

        assertThatThrownBy(() -> new StructuredJson(array, "[]", json::asMap))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private StructuredJson structured(Envelope envelope) {
        var tree = json.tree(envelope);
        return new StructuredJson(tree, json.write(tree), json::asMap);
    }
}
