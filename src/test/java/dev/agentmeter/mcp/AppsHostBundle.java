package dev.agentmeter.mcp;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * The test host page of {@code src/test/apps-host}, made ready in {@code target/apps-host}: its pinned npm
 * packages installed with {@code npm ci} (once, while the lock file is unchanged) and {@code host.js} bundled for
 * the browser by the pinned esbuild. Where npm cannot be run or reached, the calling test is skipped with a
 * message that says so. {@link #installPinned} does the same for any other folder of pinned npm packages under
 * {@code src/test} (the TypeScript SDK v2 peers of the proxy test, for one).
 */
public final class AppsHostBundle {

    private static final String FOLDER = "apps-host";
    private static final Path TARGET = Path.of("target", FOLDER);
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "host.js", "host.html");
    private static final long NPM_CI_MINUTES = 5;
    private static final long ESBUILD_MINUTES = 2;

    private AppsHostBundle() {
    }

    /** The folder that holds {@code host.html} and the bundled {@code host.bundle.js}. */
    static Path prepare() throws IOException, InterruptedException {
        installPinned(FOLDER, FILES, "MCP App browser test");
        Path esbuild = TARGET.resolve("node_modules").resolve(".bin").resolve("esbuild");
        run(TARGET, List.of(esbuild.toAbsolutePath().toString(), "host.js", "--bundle", "--format=esm",
                "--platform=browser", "--log-level=warning", "--outfile=host.bundle.js"), ESBUILD_MINUTES,
                "esbuild could not bundle the test host", false, "MCP App browser test");
        return TARGET;
    }

    /**
     * Copies {@code files} (a {@code package.json}, its {@code package-lock.json} and the scripts) from
     * {@code src/test/FOLDER} to {@code target/FOLDER} and installs the locked packages there with {@code npm ci},
     * once while the lock file is unchanged. Where npm cannot be run or reached, the calling test is skipped with a
     * message naming {@code test}.
     *
     * @return {@code target/FOLDER}
     */
    public static Path installPinned(String folder, List<String> files, String test)
            throws IOException, InterruptedException {
        Path source = Path.of("src", "test", folder);
        Path target = Path.of("target", folder);
        Files.createDirectories(target);
        boolean lockChanged = !sameContent(source.resolve("package-lock.json"), target.resolve("package-lock.json"));
        for (String file : files) {
            Files.copy(source.resolve(file), target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Path installed = target.resolve("node_modules").resolve(".package-lock.json");
        if (lockChanged || !Files.exists(installed)) {
            run(target, List.of(npm(test), "ci", "--no-audit", "--no-fund", "--loglevel=error"), NPM_CI_MINUTES,
                    "npm ci in " + target + " failed (no npm registry reachable?)", true, test);
        }
        return target;
    }

    private static String npm(String test) {
        return onPath("npm").map(Path::toString).orElseGet(() -> {
            Assumptions.abort(test + " skipped: npm is not installed (apt-get install -y nodejs npm)");
            return null;
        });
    }

    /** The executable {@code name} found on the PATH, if any. */
    public static Optional<Path> onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        return Arrays.stream(path.split(File.pathSeparator)).filter(folder -> !folder.isBlank())
                .map(folder -> Path.of(folder, name)).filter(Files::isExecutable).findFirst();
    }

    /** Runs {@code command} in {@code folder}; a failure skips the test when {@code skipOnFailure} (setup), else fails it. */
    private static void run(Path folder, List<String> command, long minutes, String whatFailed, boolean skipOnFailure,
                            String test) throws IOException, InterruptedException {
        Path log = folder.resolve("setup.log");
        Process process = new ProcessBuilder(new ArrayList<>(command))
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        boolean finished = process.waitFor(minutes, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        if (!finished || process.exitValue() != 0) {
            String why = whatFailed + ": " + (finished ? tail(Files.readString(log, StandardCharsets.UTF_8))
                    : "timed out (see " + log + ")");
            if (skipOnFailure) {
                Assumptions.abort(test + " skipped: " + why);
            }
            throw new IllegalStateException(why);
        }
    }

    private static boolean sameContent(Path a, Path b) throws IOException {
        return Files.exists(b) && Files.mismatch(a, b) == -1;
    }

    private static String tail(String text) {
        return text.length() <= 600 ? text : text.substring(text.length() - 600);
    }
}
