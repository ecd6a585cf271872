package dev.agentmeter.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the main sources of one package as text, for the architecture tests: what its files import, and the files
 * themselves. A package is named by its path under {@code dev/agentmeter} ({@code "web"}, {@code "web/guard"}).
 * A package that is not there, or holds no Java file, fails at once: a rule about it would otherwise pass without
 * checking anything (a package renamed or moved away, a typo in a rule).
 *
 * <p>Written here rather than taken from ArchUnit, the library for such rules (it reads bytecode): it is not a
 * dependency of this project, and these rules need only the import lines a reader sees, which a short scan reads
 * exactly.
 */
public final class SourceImports {

    private static final Path SOURCES = Path.of("src", "main", "java", "dev", "agentmeter");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    private SourceImports() {
    }

    /** The names imported by the package and every package below it ({@code static} imports name the member). */
    public static List<String> of(String packagePath) {
        return sources(files(packagePath, Integer.MAX_VALUE)).flatMap(SourceImports::importsIn).toList();
    }

    /** The names imported by the package's own files, not by the packages below it (a room's assembly). */
    public static List<String> ofOwnFiles(String packagePath) {
        return sources(files(packagePath, 1)).flatMap(SourceImports::importsIn).toList();
    }

    /** The text of every file of the package and of the packages below it. */
    public static List<String> sourcesOf(String packagePath) {
        return sources(files(packagePath, Integer.MAX_VALUE)).toList();
    }

    private static List<Path> files(String packagePath, int depth) {
        Path folder = SOURCES.resolve(packagePath);
        if (!Files.isDirectory(folder)) {
            throw new AssertionError("a rule names package " + packagePath + ", but " + folder + " is not there");
        }
        try (Stream<Path> files = Files.walk(folder, depth)) {
            List<Path> java = files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
            if (java.stream().noneMatch(file -> !file.endsWith("package-info.java"))) {
                throw new AssertionError("a rule names package " + packagePath + ", but it holds no class");
            }
            return java;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    private static Stream<String> sources(List<Path> files) {
        return files.stream().map(SourceImports::read);
    }

    private static Stream<String> importsIn(String source) {
        return IMPORT.matcher(source).results().map(match -> match.group(2));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
