package dev.agentmeter.mcp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import dev.agentmeter.testing.NpmTestFolder;

/**
 * The test host page of {@code src/test/apps-host}, made ready in {@code target/apps-host}: its pinned npm
 * packages installed ({@link NpmTestFolder}) and {@code host.js} bundled for the browser by the pinned esbuild.
 * Where npm cannot be run or reached, the calling test is skipped with a message that says so.
 */
public final class AppsHostBundle {

    private static final List<String> FILES = List.of("package.json", "package-lock.json", "host.js", "host.html");
    private static final long ESBUILD_MINUTES = 2;

    private AppsHostBundle() {
    }

    /** The folder that holds {@code host.html} and the bundled {@code host.bundle.js}. */
    static Path prepare() throws IOException, InterruptedException {
        var folder = new NpmTestFolder("apps-host", "MCP App browser test");
        Path target = folder.prepare(FILES);
        Path esbuild = target.resolve("node_modules").resolve(".bin").resolve("esbuild");
        folder.run(List.of(esbuild.toAbsolutePath().toString(), "host.js", "--bundle", "--format=esm",
                "--platform=browser", "--log-level=warning", "--outfile=host.bundle.js"), ESBUILD_MINUTES,
                "esbuild could not bundle the test host", false);
        return target;
    }

}
