package dev.agentmeter;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.slf4j.LoggerFactory;

import dev.agentmeter.mcp.FirstAnswersWarmUp;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The command line: reads the settings ({@link Options}), starts the parts ({@link Startup}), and stops them on
 * a signal. Exit codes: 0 after a clean stop, 1 when starting failed, 2 for refused settings.
 */
@Command(name = "agentmeter", mixinStandardHelpOptions = true, versionProvider = Version.class,
        subcommands = ProxyCommand.class, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Real-time performance dashboard for AI agents: an MCP server, a live web dashboard "
                + "and a JSON API in one process.",
            "Every option also reads an environment variable, shown in brackets."})
public final class AgentMeter implements Callable<Integer> {

    /** Exit code for settings that are refused (as picocli uses for a bad option). */
    static final int EXIT_REFUSED = 2;

    @Mixin
    private Options options = new Options();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // SLF4J's first logger finds its provider (a service lookup over the jar) and the time zone its lines are
        // stamped in: done beside the parsing of the command line, which logs nothing, instead of before or after it
        // on this thread (issue 15, start-up). No class the command line loads holds a logger of its own.
        var logging = new Thread(() -> LoggerFactory.getLogger(AgentMeter.class), "agentmeter-log-start");
        logging.setDaemon(true);
        logging.start();
        // So is learning the JSON of the first answers (see FirstAnswersWarmUp).
        FirstAnswersWarmUp.startAside();
        System.exit(new CommandLine(new AgentMeter()).setParameterExceptionHandler(AgentMeter::usageError)
                .execute(args));
    }

    /** A mistake on the command line: one line saying what is wrong and where help is, not the whole usage. */
    private static int usageError(CommandLine.ParameterException mistake, String[] args) {
        CommandLine command = mistake.getCommandLine();
        command.getErr().println("agentmeter: " + mistake.getMessage());
        command.getErr().println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for the options.");
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    @Override
    public Integer call() throws Exception {
        Settings settings;
        try {
            settings = options.settings();
        } catch (IllegalArgumentException e) {
            // A bad alert rule or webhook: one line that says what is wrong, as for any bad option.
            spec.commandLine().getErr().println("agentmeter: " + e.getMessage());
            return EXIT_REFUSED;
        }
        Optional<String> refusal = ExposureCheck.refusal(settings);
        if (refusal.isPresent()) {
            spec.commandLine().getErr().println("agentmeter: " + refusal.get());
            return EXIT_REFUSED;
        }
        OutputStream stdout = System.out;
        if (settings.stdio()) {
            // stdout carries the protocol alone: whatever else gets printed by mistake goes to stderr instead.
            stdout = new FileOutputStream(FileDescriptor.out);
            System.setOut(System.err);
        }
        Running running;
        try {
            running = start(settings, System.in, stdout);
        } catch (StartupFailure e) {
            spec.commandLine().getErr().println("agentmeter: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopOnSignal(running), "agentmeter-shutdown"));
        running.awaitStop();
        return 0;
    }

    /**
     * SIGTERM (or Ctrl-C) is how a service manager asks for a stop: once everything has stopped cleanly the
     * process exits 0, not the JVM's 143. A shutdown that began after the parts had already stopped (main
     * returning) keeps its own exit code.
     */
    private static void stopOnSignal(Running running) {
        if (running.isStopped()) {
            return;
        }
        running.stop();
        LoggerFactory.getLogger(AgentMeter.class).info("Stopped on request");
        Runtime.getRuntime().halt(0);
    }

    /** Starts every part the settings ask for, with stdio on this process's own streams. */
    public static Running start(Settings settings) throws Exception {
        return start(settings, System.in, System.out);
    }

    /**
     * Starts every part the settings ask for; the caller stops them with {@link Running#stop}. With
     * {@code --stdio}, MCP is served on {@code stdin}/{@code stdout} and the end of {@code stdin} stops everything.
     */
    public static Running start(Settings settings, InputStream stdin, OutputStream stdout) throws Exception {
        return Startup.start(settings, stdin, stdout);
    }
}
