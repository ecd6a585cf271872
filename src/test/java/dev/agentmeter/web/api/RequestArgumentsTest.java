package dev.agentmeter.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.agentmeter.operations.ErrorCode;
import dev.agentmeter.operations.JsonCodec;

class RequestArgumentsTest {

    private final RequestArguments arguments = new RequestArguments(new JsonCodec());

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "APPLICATION/JSON;charset=\"UTF-8\"",
        "application/json;charset=utf-8; version=1"})
    void jsonWithOrWithoutAUtf8CharsetIsAccepted(String contentType) {
        var extracted = arguments.fromBody(FakeExchange.post("/api/x", contentType, "{\"name\":\"a\"}"));

        assertThat(extracted).isEqualTo(new RequestArguments.Values(Map.of("name", "a")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/json-seq",
        "application/json; charset=utf-16"})
    void otherMediaTypesAreUnsupported(String contentType) {
        var extracted = arguments.fromBody(FakeExchange.post("/api/x", contentType, "{\"name\":\"a\"}"));

        assertThat(refusal(extracted)).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void anEmptyOrBlankBodyNeedsNoContentTypeAndHoldsNoArguments() {
        assertThat(arguments.fromBody(FakeExchange.post("/api/x", null, "")))
                .isEqualTo(new RequestArguments.Values(Map.of()));
        assertThat(arguments.fromBody(FakeExchange.post("/api/x", null, " \r\n")))
                .isEqualTo(new RequestArguments.Values(Map.of()));
    }

    @Test
    void aBodyOverTheLimitIsTooLarge() {
        var exchange = FakeExchange.post("/api/x", "application/json", "").withBody(new RequestBody.TooLarge(10));

        assertThat(refusal(arguments.fromBody(exchange))).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
    }

    @Test
    void anUnreadableBodyIsInvalid() {
        var exchange = FakeExchange.post("/api/x", "application/json", "").withBody(new RequestBody.Unreadable());

        assertThat(refusal(arguments.fromBody(exchange))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void queryParametersJoinTheBodyArguments() {
        var exchange = new FakeExchange("POST", "/api/x", "verbose=1");

        assertThat(arguments.fromBody(exchange)).isEqualTo(new RequestArguments.Values(Map.of("verbose", BigInteger.ONE)));
    }

    private static ErrorCode refusal(RequestArguments.Extracted extracted) {
        assertThat(extracted).isInstanceOf(RequestArguments.Refused.class);
        return ((RequestArguments.Refused) extracted).failure().code();
    }
}
