package dev.agentmeter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmeter.mcp.features.TaskUris;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Task names in and out of {@code agentmeter://tasks/{name}}. */
class McpTaskUrisTest {

    @Test
    void aNameIsWrittenAsRfc6570SimpleExpansionWritesIt() {
        assertThat(TaskUris.of("deep search/v2")).isEqualTo("agentmeter://tasks/deep%20search%2Fv2");
        assertThat(TaskUris.of("plain-name_1.0~x")).isEqualTo("agentmeter://tasks/plain-name_1.0~x");
        assertThat(TaskUris.of("a+b?c#d%e")).isEqualTo("agentmeter://tasks/a%2Bb%3Fc%23d%25e");
        assertThat(TaskUris.of("café ✓")).isEqualTo("agentmeter://tasks/caf%C3%A9%20%E2%9C%93");
    }

    @ParameterizedTest
    @ValueSource(strings = {"deep search/v2", "a+b?c#d%e", "café ✓", "x", "<script>"})
    void everyNameComesBackAsItWent(String name) {
        assertThat(TaskUris.nameOf(TaskUris.of(name))).contains(name);
    }

    @Test
    void decodingTakesLowerCaseHexAndKeepsAPlusAsAPlus() {
        assertThat(TaskUris.nameOf("agentmeter://tasks/deep%20search%2fv2")).contains("deep search/v2");
        assertThat(TaskUris.nameOf("agentmeter://tasks/a+b")).contains("a+b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"agentmeter://tasks/", "agentmeter://tasks/a/b", "agentmeter://tasks/bad%2", "agentmeter://tasks/bad%zz",
            "agentmeter://tasks/%C3", "agentmeter://metrics", "agentmeter://tasks/a?b"})
    void aUriThatIsNotOneTaskNameHasNone(String uri) {
        assertThat(TaskUris.nameOf(uri)).isEmpty();
    }
}
