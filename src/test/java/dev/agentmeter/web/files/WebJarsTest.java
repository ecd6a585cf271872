package dev.agentmeter.web.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WebJarsTest {

    private final ClassLoader classLoader = WebJarsTest.class.getClassLoader();

    @Test
    void theUplotFolderIsTheOneOfTheWebJarOnTheClassPath() {
        String folder = WebJars.npmFolder("uplot", "dist/", classLoader);

        assertThat(folder).matches("META-INF/resources/webjars/uplot/\\d+\\.\\d+\\.\\d+/dist/");
        assertThat(classLoader.getResource(folder + "uPlot.iife.min.js")).as("the script the dashboard loads")
                .isNotNull();
    }

    @Test
    void aWebJarMissingFromTheClassPathIsNamedInTheError() {
        assertThatThrownBy(() -> WebJars.npmFolder("no-such-webjar", "dist/", classLoader))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no-such-webjar");
    }
}
