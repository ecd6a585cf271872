package dev.agentmeter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.agentmeter.testing.SourceImports;

/**
 * The rooms inside {@code web} and {@code mcp} as a test: each room reaches only the rooms below it, and only the
 * package that assembles a server ({@code web}, {@code mcp}) reaches every room. A room that is renamed or moved
 * away fails here instead of leaving its rule checking nothing.
 */
class RoomsArchitectureTest {

    private static final String WEB = "dev.agentmeter.web.";
    private static final String MCP = "dev.agentmeter.mcp.";

    @Test
    void theWebGuardsStandInFrontOfEveryRoomAndKnowNone() {
        assertThat(webImports("web/guard")).as("web.guard").isEmpty();
    }

    @Test
    void staticFilesKnowOnlyTheGuardsErrorAnswer() {
        assertThat(webImports("web/files")).as("web.files").allMatch(name -> name.startsWith(WEB + "guard."));
    }

    @Test
    void theJsonApiKnowsNeitherLoginNorStaticFiles() {
        assertThat(webImports("web/api")).as("web.api")
                .allMatch(name -> name.startsWith(WEB + "guard.") || name.startsWith(WEB + "events."));
    }

    @Test
    void loginKnowsNeitherTheEventStreamNorStaticFiles() {
        assertThat(webImports("web/login")).as("web.login")
                .allMatch(name -> name.startsWith(WEB + "guard.") || name.startsWith(WEB + "api."));
    }

    @Test
    void theEventStreamKnowsOfTheApiOnlyTheExchangeItOpensOnAndItsQueryReader() {
        assertThat(webImports("web/events")).as("web.events").allMatch(Set.of(WEB + "api.ApiExchange",
                WEB + "api.EnvelopeResponder", WEB + "api.RequestArguments")::contains);
    }

    @Test
    void noRoomReachesBackIntoTheWebServerThatAssemblesIt() {
        for (String room : List.of("web/api", "web/events", "web/guard", "web/login", "web/files")) {
            assertThat(webImports(room)).as(room).noneMatch(RoomsArchitectureTest::isWebAssembly);
        }
    }

    @Test
    void theTransportsDoNotKnowEachOther() {
        assertThat(SourceImports.of("mcp/stdio")).as("mcp.stdio").noneMatch(name -> name.startsWith(MCP + "http.")
                || name.startsWith("jakarta.servlet") || name.startsWith("org.eclipse.jetty"));
        assertThat(SourceImports.of("mcp/http")).as("mcp.http").noneMatch(name -> name.startsWith(MCP + "stdio."));
    }

    @Test
    void theFeaturesAndTheAppPanelKnowNoTransport() {
        for (String room : List.of("mcp/features", "mcp/app")) {
            assertThat(SourceImports.of(room)).as(room).noneMatch(name -> name.startsWith(MCP + "stdio.")
                    || name.startsWith(MCP + "http.") || name.startsWith("jakarta.servlet")
                    || name.startsWith("org.eclipse.jetty"));
        }
        assertThat(SourceImports.of("mcp/features")).as("mcp.features: the app panel builds on the features")
                .noneMatch(name -> name.startsWith(MCP + "app."));
    }

    @Test
    void theFeaturesDoNotReachBackIntoTheServerThatAssemblesThem() {
        for (String room : List.of("mcp/features", "mcp/app")) {
            assertThat(SourceImports.of(room)).as(room).doesNotContain(MCP + "McpServers", MCP + "McpFeatures");
        }
    }

    /** The names of the web server's own classes that the room imports (its own room's never appear). */
    private static List<String> webImports(String room) {
        return SourceImports.of(room).stream().filter(name -> name.startsWith(WEB)).toList();
    }

    /** A class directly in {@code dev.agentmeter.web}: the server, its settings, TLS. */
    private static boolean isWebAssembly(String name) {
        return name.startsWith(WEB) && name.indexOf('.', WEB.length()) < 0;
    }
}
