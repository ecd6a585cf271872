package dev.agentmeter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher {@code src/main/launcher/agentmeter} (what README's MCP client configuration runs) picks its JVM
 * flags per mode and per JDK feature version: run here with a stand-in {@code java} that writes down the arguments
 * and environment it was given, under a JDK folder whose {@code release} file names the version, so every JDK the
 * launcher supports is checked without installing it. Needs a POSIX {@code sh}.
 */
class LauncherFlagsTest {

    private static final Path LAUNCHER = Path.of("src/main/launcher/agentmeter");

    @TempDir
    Path folder;

    @Test
    void stdioModeOnJdk25GetsTheClientSizedHeapSerialGcAndTheNativeHeapTrim() throws Exception {
        Launch launch = launch("25.0.3", "", "--stdio", "--port", "0");

        assertThat(launch.arguments()).contains("-XX:+UseSerialGC", "-Xms16m", "-Xmx256m",
                "-XX:TrimNativeHeapInterval=1000", "--enable-native-access=ALL-UNNAMED");
        assertThat(launch.mallocArenaMax()).isEqualTo("2");
        assertThat(launch.arguments()).endsWith("-jar", launch.jar(), "--stdio", "--port", "0");
    }

    @Test
    void stdioModeTellsJettyItsQueuesPaddingSoJmxNeverStarts() throws Exception {
        for (String version : new String[] {"17.0.15", "25.0.3"}) {
            List<String> arguments = launch(version, "", "--stdio", "--port", "0").arguments();

            assertThat(arguments).as("JDK %s", version)
                    .contains("-Dorg.eclipse.jetty.util.referencesPerCacheLine=16");
            assertThat(arguments.indexOf("-Dorg.eclipse.jetty.util.referencesPerCacheLine=16"))
                    .as("a system property before -jar, or it would be an argument of AgentMeter's")
                    .isLessThan(arguments.indexOf("-jar"));
        }
    }

    @Test
    void stdioModeOnJdk25CapsEachCompilationsMemoryAndSilencesTheCommandEchoFirst() throws Exception {
        List<String> arguments = launch("25.0.3", "", "--stdio").arguments();

        assertThat(arguments).contains("-XX:CompileCommand=MemLimit,*.*,10m~stop");
        assertThat(arguments.indexOf("-XX:CompileCommand=quiet"))
                .as("quiet before the limit, or the JVM echoes the command on stdout")
                .isNotNegative()
                .isLessThan(arguments.indexOf("-XX:CompileCommand=MemLimit,*.*,10m~stop"));
    }

    @Test
    void aRealJdk25GivenTheLaunchersCompileCommandsWritesNothingOnStdout() throws Exception {
        Path realJava = jdk25OrNewer();
        assumeTrue(realJava != null, "a JDK 25+: the test JVM or the one target/agentmeter.aot.java names");
        var command = new ArrayList<>(List.of(realJava.toString()));
        launch("25.0.3", "", "--stdio").arguments().stream()
                .filter(argument -> argument.startsWith("-XX:CompileCommand=")).forEach(command::add);
        command.add("-version");

        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(command).hasSizeGreaterThan(2);
        assertThat(stdout).as("stdout is the protocol's channel in --stdio mode").isEmpty();
    }

    @Test
    void theCompilationMemoryLimitIsLeftOutBelowJdk25AndInHttpMode() throws Exception {
        assertThat(launch("24.0.2", "", "--stdio").arguments()).noneMatch(argument -> argument.contains("MemLimit"));
        assertThat(launch("17.0.15", "", "--stdio").arguments()).noneMatch(argument -> argument.contains("MemLimit"));
        assertThat(launch("25.0.3", "", "--port", "0").arguments())
                .noneMatch(argument -> argument.contains("MemLimit"));
    }

    @Test
    void stdioModeOnJdk17LeavesOutTheFlagsThatJdkDoesNotKnow() throws Exception {
        Launch launch = launch("17.0.15", "", "--stdio");

        assertThat(launch.arguments()).contains("-XX:+UseSerialGC", "-Xms16m", "-Xmx256m");
        assertThat(launch.arguments()).noneMatch(argument -> argument.startsWith("-XX:TrimNativeHeapInterval")
                || argument.startsWith("--enable-native-access"));
    }

    @Test
    void httpModeKeepsTheJvmDefaults() throws Exception {
        Launch launch = launch("25.0.3", "", "--port", "0");

        assertThat(launch.arguments()).doesNotContain("-XX:+UseSerialGC", "-Xms16m", "-Xmx256m",
                "-XX:TrimNativeHeapInterval=1000", "-Dorg.eclipse.jetty.util.referencesPerCacheLine=16");
        assertThat(launch.mallocArenaMax()).isEmpty();
    }

    @Test
    void theUsersJavaOptionsComeAfterTheLaunchersSoTheyWin() throws Exception {
        Launch launch = launch("25.0.3", "-Xmx1g -XX:+UseG1GC", "--stdio");

        List<String> arguments = launch.arguments();
        assertThat(arguments.indexOf("-Xmx1g")).isGreaterThan(arguments.indexOf("-Xmx256m"));
        assertThat(arguments.indexOf("-XX:+UseG1GC")).isGreaterThan(arguments.indexOf("-XX:+UseSerialGC"));
        assertThat(arguments.indexOf("-XX:+UseG1GC")).isLessThan(arguments.indexOf("-jar"));
    }

    @Test
    void sqlitesLibraryUnpackedBesideTheJarIsLoadedFromThereWithSqlitesTempFolderThere() throws Exception {
        Path beside = Files.createDirectories(folder.resolve("target/agentmeter-native"));
        Files.writeString(beside.resolve("libsqlitejdbc.so"), "");
        String unpacked = beside.toRealPath().toString();

        for (String mode : new String[] {"--stdio", "--port=0"}) {
            List<String> arguments = launch("25.0.3", "", mode).arguments();

            assertThat(arguments).as(mode).contains("-Dorg.sqlite.lib.path=" + unpacked,
                    "-Dorg.sqlite.lib.name=libsqlitejdbc.so", "-Dorg.sqlite.tmpdir=" + unpacked);
            assertThat(arguments.indexOf("-Dorg.sqlite.tmpdir=" + unpacked)).as("before -jar")
                    .isLessThan(arguments.indexOf("-jar"));
        }
    }

    @Test
    void withoutTheUnpackedLibrarySqliteIsLeftToUnpackItsOwn() throws Exception {
        assertThat(launch("25.0.3", "", "--stdio").arguments())
                .noneMatch(argument -> argument.startsWith("-Dorg.sqlite"));
    }

    @Test
    void aJavaReachedThroughALinkIsFollowedToItsJdksReleaseFile() throws Exception {
        List<String> arguments = launch("25.0.3", "", true, "--stdio").arguments();

        assertThat(arguments).as("JDK 25's flags: the version was read two folders above the real java")
                .contains("-XX:CompileCommand=MemLimit,*.*,10m~stop", "--enable-native-access=ALL-UNNAMED");
    }

    @Test
    void theAotCacheIsUsedWhenItsRecordedJavaIsTheOneGivenEvenThroughALink() throws Exception {
        Path home = Files.createDirectories(folder.resolve("target"));
        Files.writeString(home.resolve("agentmeter.aot"), "");
        // As the build writes it: the path alone, no newline after it.
        Files.writeString(home.resolve("agentmeter.aot.java"), folder.resolve("jdk-25.0.3/bin/java").toString());

        assertThat(launch("25.0.3", "", true, "--stdio").arguments())
                .contains("-XX:AOTCache=" + home.toRealPath().resolve("agentmeter.aot"));
        assertThat(launch("17.0.15", "", "--stdio").arguments()).as("another JDK")
                .noneMatch(argument -> argument.startsWith("-XX:AOTCache"));
    }

    @Test
    void everyJvmMessageGoesToStderrNeverToTheProtocolsStdout() throws Exception {
        Launch launch = launch("21.0.5", "", "--stdio");

        assertThat(launch.arguments()).startsWith("-Xlog:disable", "-Xlog:all=warning:stderr");
    }

    /** Runs the launcher, copied into {@link #folder} (no archive beside it), on a stand-in JDK of that version. */
    private Launch launch(String javaVersion, String javaOptions, String... agentMeterArguments) throws Exception {
        return launch(javaVersion, javaOptions, false, agentMeterArguments);
    }

    /** ...with {@code AGENTMETER_JAVA} naming the stand-in java itself or, {@code throughLink}, a link to it. */
    private Launch launch(String javaVersion, String javaOptions, boolean throughLink, String... agentMeterArguments)
            throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "a POSIX sh");
        Path jdk = Files.createDirectories(folder.resolve("jdk-" + javaVersion + "/bin"));
        Files.writeString(jdk.getParent().resolve("release"), "JAVA_VERSION=\"" + javaVersion + "\"\n");
        Path record = folder.resolve("recorded-" + javaVersion + ".txt");
        Path java = jdk.resolve("java");
        Files.writeString(java, "#!/bin/sh\n{ printf 'MALLOC_ARENA_MAX=%s\\n' \"${MALLOC_ARENA_MAX:-}\"; "
                + "for a in \"$@\"; do printf '%s\\n' \"$a\"; done; } > '" + record + "'\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        Path home = Files.createDirectories(folder.resolve("target"));
        Path launcher = Files.copy(LAUNCHER, home.resolve("agentmeter"), StandardCopyOption.REPLACE_EXISTING);

        var command = new ArrayList<>(List.of("/bin/sh", launcher.toString()));
        command.addAll(List.of(agentMeterArguments));
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("MALLOC_ARENA_MAX");
        builder.environment().remove("JAVA_HOME");
        Path given = java;
        if (throughLink) {
            given = Files.createSymbolicLink(Files.createDirectories(folder.resolve("usr-bin")).resolve("java"), java);
        }
        builder.environment().put("AGENTMETER_JAVA", given.toString());
        builder.environment().put("AGENTMETER_JAVA_OPTS", javaOptions);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the launcher ends").isTrue();
        assertThat(process.exitValue()).as("launcher output: %s", output).isZero();
        return new Launch(Files.readAllLines(record), home.toRealPath().resolve("agentmeter.jar").toString());
    }

    /** The test JVM's java when it is JDK 25+, else the JDK 25+ the build made the AOT cache with, else null. */
    private static Path jdk25OrNewer() throws IOException {
        if (Runtime.version().feature() >= 25) {
            return Path.of(System.getProperty("java.home"), "bin", "java");
        }
        Path recorded = Path.of("target/agentmeter.aot.java");
        if (Files.isRegularFile(recorded)) {
            Path java = Path.of(Files.readString(recorded).trim());
            return Files.isExecutable(java) ? java : null;
        }
        return null;
    }

    /** What the stand-in java was given: its environment's MALLOC_ARENA_MAX first, then its arguments. */
    private record Launch(List<String> recorded, String jar) {

        String mallocArenaMax() {
            return recorded.get(0).substring("MALLOC_ARENA_MAX=".length());
        }

        List<String> arguments() {
            return recorded.subList(1, recorded.size());
        }
    }
}
