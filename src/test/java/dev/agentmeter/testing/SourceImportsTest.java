package dev.agentmeter.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The scanner under the architecture tests: a rule about a package that is not there fails, it never passes. */
class SourceImportsTest {

    @Test
    void aPackageThatIsNotThereFailsEveryQuestion() {
        assertThatThrownBy(() -> SourceImports.of("web/no_such_room")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("web/no_such_room");
        assertThatThrownBy(() -> SourceImports.ofOwnFiles("no_such_part")).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> SourceImports.sourcesOf("no_such_part")).isInstanceOf(AssertionError.class);
    }

    @Test
    void aPackageIncludesTheRoomsBelowItAndItsOwnFilesDoNot() {
        // Printable is imported by rooms of the web server (the API, login, static files), not by WebServer.
        assertThat(SourceImports.of("web")).contains("dev.agentmeter.web.guard.Printable",
                "dev.agentmeter.web.api.ApiRoutes");
        assertThat(SourceImports.ofOwnFiles("web")).contains("dev.agentmeter.web.api.ApiRoutes")
                .doesNotContain("dev.agentmeter.web.guard.Printable");
    }

    @Test
    void staticImportsNameTheirMember() {
        assertThat(SourceImports.of("mcp/app")).contains("dev.agentmeter.mcp.features.JsonSchemas.closedObject");
    }
}
