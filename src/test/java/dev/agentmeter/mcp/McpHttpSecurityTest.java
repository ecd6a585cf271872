package dev.agentmeter.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.agentmeter.mcp.http.McpHttpSecurity;

import org.junit.jupiter.api.Test;

import io.modelcontextprotocol.server.transport.HeaderAccessor;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;

class McpHttpSecurityTest {

    @Test
    void loopbackOriginsOnAnyPortAndNoOriginAreAllowed() {
        var security = McpHttpSecurity.of("127.0.0.1", List.of());

        for (String origin : List.of("http://localhost:3000", "https://127.0.0.1:1", "http://[::1]:80", "http://localhost")) {
            assertThatCode(() -> check(security, origin, "127.0.0.1:8080")).as(origin).doesNotThrowAnyException();
        }
        assertThatCode(() -> check(security, null, "localhost:8080")).doesNotThrowAnyException();
    }

    @Test
    void aForeignOriginIsRefusedWith403() {
        var security = McpHttpSecurity.of("127.0.0.1", List.of());

        for (String origin : List.of("http://evil.example", "http://localhost.evil.example", "null")) {
            assertThatThrownBy(() -> check(security, origin, "127.0.0.1:8080")).as(origin)
                    .isInstanceOfSatisfying(ServerTransportSecurityException.class,
                            refusal -> assertThat(refusal.getStatusCode()).isEqualTo(403));
        }
    }

    @Test
    void aConfiguredOriginIsAllowedExactlyEvenWrittenWithATrailingSlash() {
        var security = McpHttpSecurity.of("127.0.0.1", List.of("https://tools.example.com/"));

        assertThatCode(() -> check(security, "https://tools.example.com", "127.0.0.1:1")).doesNotThrowAnyException();
        assertThatThrownBy(() -> check(security, "https://tools.example.com:8443", "127.0.0.1:1"))
                .isInstanceOf(ServerTransportSecurityException.class);
    }

    @Test
    void aForeignHostIsRefusedWith421() {
        var security = McpHttpSecurity.of("127.0.0.1", List.of());

        assertThatThrownBy(() -> check(security, null, "rebound.example:8080"))
                .isInstanceOfSatisfying(ServerTransportSecurityException.class,
                        refusal -> assertThat(refusal.getStatusCode()).isEqualTo(421));
    }

    @Test
    void theBoundHostIsAllowedBesidesLoopback() {
        assertThat(McpHttpSecurity.of("meter.internal", List.of()).allowedHosts())
                .containsExactly("localhost:*", "127.0.0.1:*", "[::1]:*", "meter.internal:*");
        assertThat(McpHttpSecurity.of("fd00::5", List.of()).allowedHosts()).contains("[fd00::5]:*");
        assertThat(McpHttpSecurity.of("localhost", List.of()).allowedHosts()).hasSize(3);
    }

    @Test
    void bindingEveryInterfaceLeavesTheHostUnchecked() {
        for (String wildcard : List.of("0.0.0.0", "::")) {
            var security = McpHttpSecurity.of(wildcard, List.of());

            assertThat(security.allowedHosts()).as(wildcard).isEmpty();
            assertThatCode(() -> check(security, null, "meter.example.com:8080")).doesNotThrowAnyException();
        }
    }

    private static void check(McpHttpSecurity security, String origin, String host)
            throws ServerTransportSecurityException {
        var headers = new HashMap<String, List<String>>(Map.of("Host", List.of(host)));
        if (origin != null) {
            headers.put("Origin", List.of(origin));
        }
        security.validator().validate(new HeaderAccessor() {
            @Override
            public List<String> getHeader(String name) {
                return headers.getOrDefault(name, List.of());
            }

            @Override
            public List<String> getHeaderNames() {
                return List.copyOf(headers.keySet());
            }
        });
    }
}
