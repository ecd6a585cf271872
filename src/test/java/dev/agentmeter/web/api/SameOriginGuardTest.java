package dev.agentmeter.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.agentmeter.operations.ErrorCode;

class SameOriginGuardTest {

    @Test
    void aPostWithoutAnOriginPasses() {
        assertThat(SameOriginGuard.check(post(null, "127.0.0.1:8080"))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"http://127.0.0.1:8080, 127.0.0.1:8080", "http://LOCALHOST:8080, localhost:8080",
        "http://localhost, localhost:80", "http://[::1]:9000, [::1]:9000"})
    void aPostFromThePageItselfPasses(String origin, String host) {
        assertThat(SameOriginGuard.check(post(origin, host))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"https://evil.example, 127.0.0.1:8080", "http://127.0.0.1:9999, 127.0.0.1:8080",
        "http://localhost:8080, 127.0.0.1:8080", "null, 127.0.0.1:8080", "file://, 127.0.0.1:8080"})
    void aPostFromAnotherOriginIsForbidden(String origin, String host) {
        assertThat(SameOriginGuard.check(post(origin, host)))
                .hasValueSatisfying(failure -> assertThat(failure.code()).isEqualTo(ErrorCode.FORBIDDEN));
    }

    @Test
    void aGetFromAnotherOriginIsNotTheGuardsConcern() {
        var exchange = new FakeExchange("GET", "/api/metrics", null).withHeader("Origin", "https://evil.example");

        assertThat(SameOriginGuard.check(exchange)).isEmpty();
    }

    private static FakeExchange post(String origin, String host) {
        var exchange = FakeExchange.post("/api/reset", null, "").withHeader("Host", host);
        return origin == null ? exchange : exchange.withHeader("Origin", origin);
    }
}
