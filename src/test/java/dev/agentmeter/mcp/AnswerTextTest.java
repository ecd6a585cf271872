package dev.agentmeter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading the outcome of a JSON-RPC answer from its text. */
class AnswerTextTest {

    @Test
    void anErrorAnswerHasItsCodeAsErrorType() {
        assertThat(AnswerText.read("{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32602,\"message\":\"no\"}}"))
                .isEqualTo(new AnswerText.Answer("-32602", null));
    }

    @Test
    void anErrorWithoutANumericCodeIsTheFallbackType() {
        assertThat(AnswerText.read("{\"id\":\"a\",\"error\":{\"message\":\"no\",\"code\":\"x\"}}").errorType())
                .isEqualTo(AnswerText.OTHER_ERROR);
    }

    @Test
    void aToolResultWithIsErrorIsAToolErrorWhateverItsContentSays() {
        assertThat(AnswerText.read("{\"id\":1,\"result\":{\"content\":[{\"type\":\"text\",\"text\":"
                + "\"{\\\"isError\\\":false}\"}],\"structuredContent\":{\"isError\":false},\"isError\":true}}"))
                .isEqualTo(new AnswerText.Answer(McpOperationObserver.TOOL_ERROR, null));
    }

    @Test
    void aSuccessHasNoErrorType() {
        assertThat(AnswerText.read("{\"id\":1,\"result\":{\"content\":[],\"isError\":false}}"))
                .isEqualTo(new AnswerText.Answer(null, null));
    }

    @Test
    void anInitializeAnswerNamesTheNegotiatedVersion() {
        assertThat(AnswerText.read("{\"id\":0,\"result\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                + "\"serverInfo\":{\"name\":\"agentmeter\",\"version\":\"1\"}}}"))
                .isEqualTo(new AnswerText.Answer(null, "2025-11-25"));
    }

    @Test
    void requestsNotificationsAndMalformedTextAreNoAnswers() {
        assertThat(AnswerText.read("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}")).isNull();
        assertThat(AnswerText.read("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{}}")).isNull();
        assertThat(AnswerText.read("{\"id\":1,\"result\":")).isNull();
        assertThat(AnswerText.read("[1,2]")).isNull();
    }
}
