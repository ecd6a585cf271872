package dev.agentmeter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.util.LibraryLoaderUtil;
import org.sqlite.util.OSInfo;

import dev.agentmeter.testing.AgentMeterChild;

/**
 * What the launcher relies on when it finds SQLite's native library unpacked beside the jar
 * ({@code target/agentmeter-native}, see {@code src/main/launcher/agentmeter}): given {@code org.sqlite.lib.path},
 * {@code org.sqlite.lib.name} and {@code org.sqlite.tmpdir}, a real AgentMeter maps the library from that folder
 * and copies nothing into any temp folder; and a library there that cannot be loaded is no failure, sqlite-jdbc
 * unpacks its own copy as it does without the launcher. Reads {@code /proc/PID/maps}, so Linux only.
 */
class SqliteLibraryBesideTheJarTest {

    private static final String RECORD = "{\"name\":\"beside\",\"duration_ms\":5,\"success\":true}";

    @TempDir
    Path folder;

    @Test
    void theLibraryIsMappedFromTheFolderGivenAndNothingIsCopiedToATempFolder() throws Exception {
        Path beside = Files.createDirectories(folder.resolve("agentmeter-native"));
        Path library = unpackLibraryInto(beside);
        Path temp = Files.createDirectories(folder.resolve("tmp"));

        try (var child = startAndRecordOneTask(beside, temp)) {
            assertThat(mappedFiles(child.pid())).contains(library.toRealPath().toString());
            assertThat(filesIn(temp)).as("the JVM's temp folder").isEmpty();
            assertThat(filesIn(beside)).as("the library's own folder")
                    .containsExactly(library.getFileName().toString());
        }
    }

    @Test
    void aLibraryThereThatDoesNotLoadFallsBackToSqlitesOwnCopy() throws Exception {
        Path beside = Files.createDirectories(folder.resolve("agentmeter-native"));
        Path broken = unpackLibraryInto(beside);
        Files.writeString(broken, "not a shared library");
        Path temp = Files.createDirectories(folder.resolve("tmp"));

        try (var child = startAndRecordOneTask(beside, temp)) {
            String copies = beside.toRealPath() + "/sqlite-";
            assertThat(mappedFiles(child.pid())).as("sqlite-jdbc's own copy, in its temp folder")
                    .anyMatch(path -> path.startsWith(copies))
                    .doesNotContain(broken.toRealPath().toString());
        }
    }

    /**
     * AgentMeter over stdio with the flags the launcher passes when it finds the library in {@code beside} (and
     * {@code temp} as the JVM's temp folder), once one task is recorded: storage, and so SQLite, is open.
     */
    private AgentMeterChild startAndRecordOneTask(Path beside, Path temp) throws Exception {
        var child = AgentMeterChild.start(launcherFlags(beside, temp), "--stdio", "--no-http",
                "--data", folder.resolve("data").toString());
        try {
            child.initialize("2025-06-18");
            assertThat(child.callTool("record_agent_task", RECORD).path("result").path("isError").asBoolean())
                    .as("storage opened and recorded").isFalse();
            return child;
        } catch (Exception | AssertionError failure) {
            child.close();
            throw failure;
        }
    }

    /** The flags the launcher passes when it finds the library in {@code beside}, plus a temp folder to watch. */
    private static List<String> launcherFlags(Path beside, Path temp) {
        return List.of("-Dorg.sqlite.lib.path=" + beside,
                "-Dorg.sqlite.lib.name=" + LibraryLoaderUtil.getNativeLibName(), "-Dorg.sqlite.tmpdir=" + beside,
                "-Djava.io.tmpdir=" + temp);
    }

    /** What the build unpacks beside the jar: this machine's library, from sqlite-jdbc's own folder for it. */
    private static Path unpackLibraryInto(Path beside) throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "Linux's /proc, to see which library is mapped");
        String name = LibraryLoaderUtil.getNativeLibName();
        String resource = "/org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + name;
        try (InputStream in = OSInfo.class.getResourceAsStream(resource)) {
            assumeTrue(in != null, "sqlite-jdbc has no library for this machine: " + resource);
            Path library = beside.resolve(name);
            Files.copy(in, library);
            return library;
        }
    }

    private static List<String> mappedFiles(long pid) throws Exception {
        try (Stream<String> lines = Files.lines(Path.of("/proc/" + pid + "/maps"))) {
            return lines.map(line -> line.split("\\s+", 6)).filter(fields -> fields.length == 6)
                    .map(fields -> fields[5].strip()).distinct().toList();
        }
    }

    private static List<String> filesIn(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }
}
