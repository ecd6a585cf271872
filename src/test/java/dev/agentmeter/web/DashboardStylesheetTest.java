package dev.agentmeter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** A rule left open swallows every rule after it, silently: the browser reports no error. */
class DashboardStylesheetTest {

    @Test
    void everyRuleOfTheStylesheetIsClosedBeforeTheNextOpens() throws IOException {
        String css = Files.readString(Path.of("src/main/resources/dashboard/dashboard.css"))
                .replaceAll("(?s)/\\*.*?\\*/", "");
        int depth = 0;
        int line = 1;
        for (char c : css.toCharArray()) {
            line += c == '\n' ? 1 : 0;
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            assertThat(depth).as("nesting at line %d (after comments are removed)", line).isBetween(0, 2);
        }
        assertThat(depth).as("open rules at the end").isZero();
    }
}
