package dev.agentmeter.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command lines that start this build's AgentMeter, its proxy, or the downstream test server in a child JVM (the
 * class path of the running tests or benchmarks). Every list is what follows {@link #java()}; memory only unless
 * the options name a {@code --data} folder, so that no test leaves a database in the working tree.
 */
public final class ChildCommand {

    private static final String MAIN = "dev.agentmeter.AgentMeter";
    private static final String DOWNSTREAM = "dev.agentmeter.proxy.DownstreamTestServer";

    private ChildCommand() {
    }

    /** The {@code java} executable of the running JVM. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The JVM options, class path, main class and {@code options} of AgentMeter. */
    public static List<String> agentMeter(String... options) {
        return agentMeter(List.of(), options);
    }

    /** ...with {@code jvmOptions} after this class's own, so that they win over them (a later -D does). */
    public static List<String> agentMeter(List<String> jvmOptions, String... options) {
        var arguments = new ArrayList<>(jvm(MAIN));
        arguments.addAll(arguments.indexOf("-cp"), jvmOptions);
        if (!List.of(options).contains("--data")) {
            arguments.addAll(List.of("--data", "none"));
        }
        arguments.addAll(List.of(options));
        return arguments;
    }

    /** {@code agentmeter proxy --port 0 OPTIONS -- DOWNSTREAM...}. */
    public static List<String> proxy(List<String> downstream, String... options) {
        var arguments = new ArrayList<>(jvm(MAIN));
        arguments.addAll(List.of("proxy", "--port", "0"));
        arguments.addAll(List.of(options));
        arguments.add("--");
        arguments.addAll(downstream);
        return arguments;
    }

    /** {@code agentmeter proxy --port 0 OPTIONS -- <the downstream test server>}. */
    public static List<String> proxyOfDownstreamTestServer(String... options) {
        return proxy(withJava(downstreamTestServer()), options);
    }

    /** The downstream test server (an MCP server over stdio with a few tools). */
    public static List<String> downstreamTestServer() {
        return jvm(DOWNSTREAM);
    }

    /** {@code arguments} behind {@link #java()}: a whole command line. */
    public static List<String> withJava(List<String> arguments) {
        var command = new ArrayList<String>();
        command.add(java());
        command.addAll(arguments);
        return command;
    }

    private static List<String> jvm(String mainClass) {
        return List.of("-XX:TieredStopAtLevel=1", "-Dorg.sqlite.tmpdir=" + sqliteTemp(), "-cp",
                System.getProperty("java.class.path"), mainClass);
    }

    /**
     * Where a child's sqlite-jdbc copies its native library: {@code target/sqlite-children}, not the system's temp
     * folder, where every child a test killed left its 1 MiB copy for good (42 after one run of the suite).
     */
    private static Path sqliteTemp() {
        Path folder = Path.of("target", "sqlite-children").toAbsolutePath();
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + folder, e);
        }
    }
}
