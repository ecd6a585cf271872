package dev.agentmeter.mcp.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;

class QuickUnionTypeTest {

    private static final List<String> TYPES = List.of("[\"number\", \"null\"]", "[\"null\", \"number\"]",
            "[\"integer\", \"null\"]", "[\"string\", \"null\"]", "[\"boolean\", \"null\"]", "[\"array\", \"object\"]",
            "[\"string\", \"integer\", \"boolean\"]", "[\"number\"]", "\"number\"", "\"null\"",
            "[{\"type\": \"string\"}, \"null\"]");
    private static final List<String> VALUES = List.of("null", "0", "1.0", "1.5", "-7", "1e400", "\"text\"", "\"1\"",
            "true", "[]", "[null]", "{}", "{\"a\": null}");

    private final ObjectMapper mapper = new ObjectMapper();
    private final SchemaRegistry networknt = SchemaRegistry.withDefaultDialect(Dialects.getDraft202012());
    private final SchemaRegistry quick =
            SchemaRegistry.withDefaultDialect(QuickUnionType.into(Dialects.getDraft202012()));

    @Test
    void everyTypeAndValueGetsNetworkntsVerdictAndWordsInAFieldAndAtTheTop() throws Exception {
        int checked = 0;
        int invalid = 0;
        for (String type : TYPES) {
            for (String schemaText : List.of("{\"type\": " + type + "}",
                    "{\"type\": \"object\", \"properties\": {\"field\": {\"type\": " + type + "}}}")) {
                Schema theirs = networknt.getSchema(mapper.readTree(schemaText));
                Schema ours = quick.getSchema(mapper.readTree(schemaText));
                for (String value : VALUES) {
                    JsonNode instance = mapper.readTree(schemaText.contains("properties")
                            ? "{\"field\": " + value + "}" : value);
                    List<String> expected = words(theirs.validate(instance));
                    assertThat(words(ours.validate(instance)))
                            .as("%s against %s", instance, schemaText)
                            .isEqualTo(expected);
                    checked++;
                    invalid += expected.isEmpty() ? 0 : 1;
                }
            }
        }
        // Both outcomes were met many times over, so the comparison above covered the shortcut and the fallback.
        assertThat(checked).isEqualTo(TYPES.size() * 2 * VALUES.size());
        assertThat(invalid).isBetween(checked / 4, checked * 3 / 4);
    }

    @Test
    void aUnionOfNamesIsCheckedByTheShortcutAndASingleNameOrASchemaAmongThemByNetworkntAlone() throws Exception {
        assertThat(typeValidatorOf("[\"number\", \"null\"]").getClass().getName())
                .startsWith(QuickUnionType.class.getName());
        assertThat(typeValidatorOf("\"number\"").getClass().getSimpleName()).isEqualTo("TypeValidator");
        assertThat(typeValidatorOf("[{\"type\": \"string\"}, \"null\"]").getClass().getSimpleName())
                .isEqualTo("TypeValidator");
    }

    @Test
    void toolResultsWithNullableFieldsAreCheckedWithItAndKeepNetworkntsWords() {
        var tool = new ToolDefinitions(10, 10).all().stream()
                .filter(t -> t.name().equals(ToolDefinitions.GET_REQUEST_HISTORY)).findFirst().orElseThrow();
        var entry = mapper.createObjectNode().put("timestamp", "2026-12-01T12:00:00Z").put("endpoint", "task")
                .put("response_time_ms", 1.5).put("success", true).putNull("error").putNull("agent");
        var wrong = entry.deepCopy().put("agent", 7);
        var validator = new ToolResultValidator(() -> null);

        var good = structured(List.of(entry));
        var bad = structured(List.of(wrong));

        assertThat(validator.validate(tool.outputSchema(), good).valid()).isTrue();
        var verdict = validator.validate(tool.outputSchema(), bad);
        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.errorMessage()).contains("/data/0/agent").contains("integer found, [string, null] expected");
    }

    private StructuredJson structured(List<JsonNode> entries) {
        var root = mapper.createObjectNode().put("status", "success");
        root.putArray("data").addAll(entries);
        return new StructuredJson(root, root.toString(), tree -> mapper.convertValue(tree, Map.class));
    }

    private Object typeValidatorOf(String type) throws Exception {
        Schema schema = quick.getSchema(mapper.readTree("{\"type\": " + type + "}"));
        return schema.getValidators().stream().filter(v -> "type".equals(v.getKeyword())).findFirst().orElseThrow();
    }

    private static List<String> words(List<Error> errors) {
        return errors.stream().map(Error::toString).toList();
    }
}
