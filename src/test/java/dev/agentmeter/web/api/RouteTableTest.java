package dev.agentmeter.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class RouteTableTest {

    private final RouteTable<String> routes = RouteTable.<String>builder()
            .get("/api/metrics", "metrics")
            .post("/api/reset", "reset")
            .route("GET", "/api/events", "events")
            .build();

    @Test
    void aRoutedMethodAndPathFindTheirEndpoint() {
        assertThat(routes.find("GET", "/api/metrics")).isEqualTo(new RouteTable.Found<>("metrics"));
        assertThat(routes.find("POST", "/api/reset")).isEqualTo(new RouteTable.Found<>("reset"));
    }

    @Test
    void aGetRouteAlsoAnswersHead() {
        assertThat(routes.find("HEAD", "/api/metrics")).isEqualTo(new RouteTable.Found<>("metrics"));
    }

    @Test
    void anUnknownPathIsUnknownWhateverTheMethod() {
        assertThat(routes.find("GET", "/api/nothing")).isInstanceOf(RouteTable.UnknownPath.class);
        assertThat(routes.find("DELETE", "/api/metrics/")).isInstanceOf(RouteTable.UnknownPath.class);
    }

    @Test
    void aKnownPathWithAnotherMethodListsTheAllowedOnesInOrder() {
        assertThat(routes.find("POST", "/api/metrics")).isEqualTo(new RouteTable.WrongMethod<>(List.of("GET", "HEAD")));
        assertThat(routes.find("HEAD", "/api/events")).isEqualTo(new RouteTable.WrongMethod<>(List.of("GET")));
    }

    @Test
    void aRouteCannotBeAddedTwice() {
        assertThatThrownBy(() -> RouteTable.<String>builder().post("/x", "a").post("/x", "b"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
