package dev.agentmeter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads envelopes in tests, and checks the ones that must be refusals. */
public final class Envelopes {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Envelopes() {
    }

    public static Map<String, Object> read(String json) {
        try {
            return MAPPER.readValue(json, new TypeReference<>() {
            });
        } catch (Exception e) {
            throw new AssertionError("not a JSON object: " + json, e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> envelope = read(response.body());
        assertThat(envelope).containsEntry("status", "success");
        return (Map<String, Object>) envelope.get("data");
    }

    @SuppressWarnings("unchecked")
    static List<Object> dataList(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (List<Object>) read(response.body()).get("data");
    }

    /** Asserts an error answer: its status, its JSON content type, its code and its exact message. */
    static void assertError(HttpResponse<String> response, int status, String code, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type.replace(" ", "")).isEqualToIgnoringCase("application/json;charset=utf-8"));
        assertThat(read(response.body())).isEqualTo(Map.of("status", "error", "error",
                Map.of("code", code, "message", message)));
    }

    /** Asserts an error answer with the given status and code, whatever its message says. */
    @SuppressWarnings("unchecked")
    static String assertErrorCode(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        Map<String, Object> envelope = read(response.body());
        assertThat(envelope).containsEntry("status", "error");
        var error = (Map<String, Object>) envelope.get("error");
        assertThat(error).containsEntry("code", code);
        assertThat(error.get("message")).isInstanceOf(String.class);
        return (String) error.get("message");
    }
}
