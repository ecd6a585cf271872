package dev.agentmeter.web.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Where a WebJar's files are on the class path. A WebJar keeps them under a folder named after its version; the
 * version is read from the jar's own {@code pom.properties}, so the pom's version property stays the one place it
 * is written.
 */
public final class WebJars {

    private WebJars() {
    }

    /**
     * The class-path folder (ending in {@code /}) of {@code subfolder} inside the npm WebJar {@code name}, say
     * {@code META-INF/resources/webjars/uplot/1.6.30/dist/} for {@code ("uplot", "dist/")}.
     *
     * @throws IllegalStateException when that WebJar is not on the class path (a build that lost a dependency)
     */
    public static String npmFolder(String name, String subfolder, ClassLoader classLoader) {
        String properties = "META-INF/maven/org.webjars.npm/" + name + "/pom.properties";
        try (InputStream in = classLoader.getResourceAsStream(properties)) {
            if (in == null) {
                throw new IllegalStateException("the WebJar " + name + " is not on the class path (no " + properties
                        + ")");
            }
            var pom = new Properties();
            pom.load(in);
            String version = pom.getProperty("version");
            if (version == null || version.isBlank()) {
                throw new IllegalStateException(properties + " names no version");
            }
            return "META-INF/resources/webjars/" + name + "/" + version.strip() + "/" + subfolder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + properties, e);
        }
    }
}
