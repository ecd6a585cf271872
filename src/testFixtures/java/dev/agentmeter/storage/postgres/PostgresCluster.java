package dev.agentmeter.storage.postgres;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server of the machine's own installation (Debian's {@code postgresql} package, binaries in
 * {@code /usr/lib/postgresql/VERSION/bin}), in a temporary folder, on a free loopback port: {@code initdb}, then
 * {@code pg_ctl start}, as the {@code postgres} user when the tests run as root (PostgreSQL refuses to run as
 * root). Connections over TCP need the password of the superuser {@link #USER}; the unix socket sits in the
 * temporary folder. Stopped and deleted by {@link #close}, or by a shutdown hook if the JVM ends first.
 *
 * <p>{@link #shared()} gives one cluster to every PostgreSQL test class of the JVM; each test makes its own
 * database with {@link #newDatabase()}. Tests skip, saying why, where the binaries are missing.
 *
 * <p>Thread-safe.
 */
public final class PostgresCluster implements AutoCloseable {

    public static final String USER = "agentmeter";
    public static final String PASSWORD = "fleet-test-password";
    private static final long COMMAND_WAIT_SECONDS = 60;

    // Made by the first test class that asks, stopped by the shutdown hook.
    private static PostgresCluster shared;

    private final Path bin;
    private final Path root;
    private final boolean asPostgres;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresCluster(Path bin, Path root, boolean asPostgres, int port) {
        this.bin = bin;
        this.root = root;
        this.asPostgres = asPostgres;
        this.port = port;
    }

    /** The cluster every PostgreSQL test class shares; skips the calling test when PostgreSQL is not installed. */
    public static synchronized PostgresCluster shared() {
        if (shared == null) {
            shared = start(false);
        }
        return shared;
    }

    /**
     * A cluster of its own (the benchmarks want one with {@code fsync} on, as in production; tests turn it off
     * for speed, which costs nothing unless the machine itself crashes). Skips when PostgreSQL is not installed.
     */
    public static PostgresCluster start(boolean fsync) {
        Optional<Path> bin = binaries();
        Assumptions.assumeTrue(bin.isPresent(), "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): "
                + "install the Debian package 'postgresql' (.ci/run does) to run the PostgreSQL tests");
        boolean asPostgres = "root".equals(System.getProperty("user.name"));
        try {
            Path root = Files.createTempDirectory("agentmeter-postgres");
            var cluster = new PostgresCluster(bin.get(), root, asPostgres, freePort());
            // Stopped and deleted even when the JVM ends without close (a test runner killed, say).
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "postgres-cluster-stop"));
            cluster.create(fsync);
            return cluster;
        } catch (IOException e) {
            throw new IllegalStateException("cannot make a PostgreSQL cluster: " + e.getMessage(), e);
        }
    }

    /** A new, empty database on this cluster, and how AgentMeter reaches it (password included). */
    public PostgresLocation newDatabase() {
        String name = "fleet_" + databases.incrementAndGet();
        try (var connection = DriverManager.getConnection(jdbcUrl("postgres"), credentials());
             var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return PostgresLocation.parse(url(name), PASSWORD);
    }

    /** The {@code --data} URL of database {@code name}, without the password (it goes in the environment). */
    public String url(String name) {
        return "postgresql://" + USER + "@127.0.0.1:" + port + "/" + name;
    }

    public int port() {
        return port;
    }

    /** Stops the server as an operator would ({@code pg_ctl stop -m fast}): sessions are ended at once. */
    public void stopServer() {
        pgCtl("-m", "fast", "stop");
    }

    /** Starts the server again, on the same port. */
    public void startServer() {
        pgCtl("-o", "-p " + port + " -k " + root.resolve("socket") + " -c listen_addresses=127.0.0.1", "-l",
                root.resolve("server.log").toString(), "start");
    }

    /** Starts the server if it is stopped (after a test that stopped it failed halfway, say). */
    public void ensureRunning() {
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "status"));
        } catch (IllegalStateException notRunning) {
            startServer();
        }
    }

    /** Stops the server at once and deletes its folder. */
    @Override
    public synchronized void close() {
        if (!Files.exists(root)) {
            return;
        }
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "immediate", "-w", "stop"));
        } catch (RuntimeException e) {
            // Already stopped: the folder goes all the same.
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary folder is all that remains.
        }
    }

    private void create(boolean fsync) throws IOException {
        Files.createDirectories(root.resolve("socket"));
        Path passwordFile = Files.writeString(root.resolve("password"), PASSWORD, StandardCharsets.UTF_8);
        if (asPostgres) {
            UserPrincipal postgres = root.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName("postgres");
            for (Path path : List.of(root, root.resolve("socket"), passwordFile)) {
                Files.setOwner(path, postgres);
            }
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", data().toString(), "-U", USER, "--pwfile=" + passwordFile,
                "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-sync"));
        Files.writeString(data().resolve("postgresql.auto.conf"), "fsync = " + (fsync ? "on" : "off") + "\n"
                + "max_connections = 200\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        startServer();
    }

    private void pgCtl(String... arguments) {
        var command = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-w"));
        command.addAll(List.of(arguments));
        run(command);
    }

    private void run(List<String> command) {
        var full = new ArrayList<String>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            Path output = Files.createTempFile("agentmeter-postgres-command", ".log");
            try {
                Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(output.toFile())
                        .directory(root.toFile()).start();
                if (!process.waitFor(COMMAND_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", full) + " did not finish");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", full) + " failed: " + Files.readString(output));
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + full.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Path data() {
        return root.resolve("data");
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static Properties credentials() {
        var properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", PASSWORD);
        return properties;
    }

    /** The newest installed version's binaries. */
    private static Optional<Path> binaries() {
        Path versions = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(versions)) {
            return Optional.empty();
        }
        try (Stream<Path> found = Files.list(versions)) {
            return found.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb"))
                            && Files.isExecutable(bin.resolve("pg_ctl")))
                    .max(Comparator.comparing(bin -> versionOf(bin.getParent())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int versionOf(Path folder) {
        try {
            return Integer.parseInt(folder.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
