package dev.agentmeter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;

class McpJsonRpcLinesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonRpcLines lines = new JsonRpcLines(McpJsonDefaults.getMapper());

    @Test
    void aRequestLineBecomesARequest() {
        var inbound = read("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\",\"params\":{}}");

        assertThat(inbound).isInstanceOfSatisfying(JsonRpcLines.Message.class, message -> assertThat(message.message())
                .isInstanceOfSatisfying(JSONRPCRequest.class, request -> {
                    assertThat(request.method()).isEqualTo("tools/list");
                    assertThat(request.id()).isEqualTo(7);
                }));
    }

    @Test
    void aRequestIsTheRecordTheSdksMapperMakesOfIt() throws Exception {
        for (String line : new String[] {
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"t\",\"arguments\":"
                        + "{\"n\":1,\"big\":12345678901,\"huge\":123456789012345678901234,\"f\":1.5,\"l\":[true,null]}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":12345678901,\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":\"s\",\"method\":\"x\",\"params\":[1,\"a\"]}",
                "{\"params\":{\"_meta\":{\"progressToken\":3}},\"method\":\"tools/list\",\"id\":0,\"jsonrpc\":\"2.0\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"extra\":{\"a\":1}}"}) {
            JSONRPCRequest sdks = McpJsonDefaults.getMapper().convertValue(JSON.readTree(line), JSONRPCRequest.class);

            assertThat(read(line)).as(line).isInstanceOfSatisfying(JsonRpcLines.Message.class,
                    message -> assertThat(message.message()).isEqualTo(sdks));
        }
    }

    @Test
    void aLineWithoutIdBecomesANotification() {
        assertThat(read("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"))
                .isInstanceOfSatisfying(JsonRpcLines.Message.class,
                        message -> assertThat(message.message()).isInstanceOf(JSONRPCNotification.class));
    }

    @Test
    void aLineWithResultBecomesAResponse() {
        assertThat(read("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"result\":{}}"))
                .isInstanceOfSatisfying(JsonRpcLines.Message.class,
                        message -> assertThat(message.message()).isInstanceOf(JSONRPCResponse.class));
    }

    @Test
    void aBlankLineIsIgnored() {
        assertThat(read("   ")).isInstanceOf(JsonRpcLines.Blank.class);
    }

    @Test
    void textThatIsNotJsonIsAParseErrorWithANullId() throws Exception {
        JsonNode error = rejection("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":");

        assertThat(error.has("id")).isTrue();
        assertThat(error.path("id").isNull()).isTrue();
        assertThat(error.path("error").path("code").asInt()).isEqualTo(-32700);
    }

    @Test
    void trailingGarbageAfterAMessageIsAParseError() throws Exception {
        assertThat(rejection("{\"jsonrpc\":\"2.0\",\"method\":\"ping\"} trailing").path("error").path("code").asInt())
                .isEqualTo(-32700);
    }

    @Test
    void parseErrorsNameNoJavaInternals() throws Exception {
        String deep = "[".repeat(JsonRpcLines.MAX_NESTING_DEPTH + 10);
        for (String line : new String[] {deep, "{\"a\":", "{'single':1}", "\u0000"}) {
            assertThat(rejection(line).path("error").path("message").asText())
                    .startsWith("Parse error: ").doesNotContain("java", "`", "Source", "Exception");
        }
    }

    @Test
    void invalidUtf8IsAParseError() throws Exception {
        byte[] bytes = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        var inbound = lines.read(bytes);

        assertThat(inbound).isInstanceOf(JsonRpcLines.Rejected.class);
        assertThat(JSON.readTree(((JsonRpcLines.Rejected) inbound).response()).path("error").path("code").asInt())
                .isEqualTo(-32700);
    }

    @Test
    void aWrongJsonRpcVersionIsAnInvalidRequestThatKeepsTheId() throws Exception {
        JsonNode error = rejection("{\"jsonrpc\":\"1.0\",\"id\":\"abc\",\"method\":\"ping\"}");

        assertThat(error.path("id").asText()).isEqualTo("abc");
        assertThat(error.path("error").path("code").asInt()).isEqualTo(-32600);
    }

    @Test
    void anIdThatIsNeitherStringNorIntegerIsAnInvalidRequest() throws Exception {
        JsonNode error = rejection("{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"ping\"}");

        assertThat(error.path("id").isNull()).isTrue();
        assertThat(error.path("error").path("code").asInt()).isEqualTo(-32600);
    }

    @Test
    void anObjectWithNeitherMethodNorResultIsAnInvalidRequest() throws Exception {
        assertThat(rejection("{\"jsonrpc\":\"2.0\",\"id\":3}").path("error").path("code").asInt()).isEqualTo(-32600);
    }

    @Test
    void aLineTooLongIsAnsweredWithAnInvalidRequest() throws Exception {
        JsonNode error = JSON.readTree(JsonRpcLines.tooLong(5_000_000, 4_194_304));

        assertThat(error.path("id").isNull()).isTrue();
        assertThat(error.path("error").path("code").asInt()).isEqualTo(-32600);
        assertThat(error.path("error").path("message").asText()).contains("5000000", "4194304", "skipped");
    }

    private JsonRpcLines.Inbound read(String line) {
        return lines.read(line.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode rejection(String line) throws Exception {
        var inbound = read(line);
        assertThat(inbound).isInstanceOf(JsonRpcLines.Rejected.class);
        JsonNode response = JSON.readTree(((JsonRpcLines.Rejected) inbound).response());
        assertThat(response.path("jsonrpc").asText()).isEqualTo("2.0");
        return response;
    }
}
