package dev.agentmeter.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** An MCP stdio server's stdout, read as the JSON-RPC answers it holds so far, by id (requests it sent left out). */
public final class StdoutAnswers extends ByteArrayOutputStream {

    private static final ObjectMapper JSON = new ObjectMapper();

    public synchronized Map<Integer, JsonNode> answers() throws JsonProcessingException {
        var answers = new HashMap<Integer, JsonNode>();
        for (String line : toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                JsonNode message = JSON.readTree(line);
                if (message.has("id") && !message.has("method")) {
                    answers.put(message.path("id").asInt(), message);
                }
            }
        }
        return answers;
    }
}
