package dev.agentmeter.testing;

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
 * A test-only npm folder of {@code src/test}, made ready in {@code target}: its files copied and its pinned
 * packages installed with {@code npm ci} (once, while the lock file is unchanged). Where npm cannot be run or
 * reached, the calling test is skipped with a message that says so; a step of the test itself that fails, fails it.
 * Shared by the MCP App browser test's host page and the two-revision client driver.
 */
public final class NpmTestFolder {

    private static final long NPM_CI_MINUTES = 5;

    private final Path source;
    private final Path target;
    private final String test;

    /** {@code src/test/NAME} installed in {@code target/NAME}, for {@code test} (named in skip messages). */
    public NpmTestFolder(String name, String test) {
        this.source = Path.of("src", "test", name);
        this.target = Path.of("target", name);
        this.test = test;
    }

    /** Copies {@code files} (package.json and package-lock.json among them) and installs; the ready folder. */
    public Path prepare(List<String> files) throws IOException, InterruptedException {
        Files.createDirectories(target);
        boolean lockChanged = !sameContent(source.resolve("package-lock.json"), target.resolve("package-lock.json"));
        for (String file : files) {
            Files.copy(source.resolve(file), target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Path installed = target.resolve("node_modules").resolve(".package-lock.json");
        if (lockChanged || !Files.exists(installed)) {
            run(List.of(executable("npm"), "ci", "--no-audit", "--no-fund", "--loglevel=error"), NPM_CI_MINUTES,
                    "npm ci in " + target + " failed (no npm registry reachable?)", true);
        }
        return target;
    }

    /** The executable {@code name} on the PATH; the test is skipped without it. */
    public String executable(String name) {
        return onPath(name).map(Path::toString).orElseGet(() -> {
            Assumptions.abort(test + " skipped: " + name + " is not installed (apt-get install -y nodejs npm)");
            return null;
        });
    }

    /** The executable {@code name} found on the PATH, if any. */
    public static Optional<Path> onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        return Arrays.stream(path.split(File.pathSeparator)).filter(folder -> !folder.isBlank())
                .map(folder -> Path.of(folder, name)).filter(Files::isExecutable).findFirst();
    }

    /** Runs {@code command} in the folder; a failure skips the test when {@code skipOnFailure} (setup), else fails it. */
    public void run(List<String> command, long minutes, String whatFailed, boolean skipOnFailure)
            throws IOException, InterruptedException {
        Path log = target.resolve("setup.log");
        Process process = new ProcessBuilder(new ArrayList<>(command))
                .directory(target.toFile())
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

    public static String tail(String text) {
        return text.length() <= 600 ? text : text.substring(text.length() - 600);
    }
}
