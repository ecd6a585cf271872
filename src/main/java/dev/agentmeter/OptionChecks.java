package dev.agentmeter;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;

import dev.agentmeter.export.OtlpDestination;
import dev.agentmeter.export.OtlpEnvironment;
import dev.agentmeter.pricing.PriceFileException;
import dev.agentmeter.pricing.PriceTable;
import dev.agentmeter.storage.RetentionPeriod;
import dev.agentmeter.storage.postgres.PostgresLocation;
import picocli.CommandLine;

/**
 * The checks and conversions of single option values, each failing as picocli fails a bad value (one line naming
 * the option, exit 2), but for the webhook URL, which fails as the alert rules do. Stateless but for the command
 * line it names in its errors.
 */
final class OptionChecks {

    private final CommandLine commandLine;

    OptionChecks(CommandLine commandLine) {
        this.commandLine = commandLine;
    }

    /** The list prices of {@code --prices}; null without it. */
    PriceTable prices(Path pricesFile) {
        if (pricesFile == null) {
            return null;
        }
        try {
            return PriceTable.load(pricesFile);
        } catch (PriceFileException e) {
            throw new CommandLine.ParameterException(commandLine, "--prices " + e.getMessage());
        }
    }

    /** The folder {@code --data} names; null for {@code none} or a database URL. */
    Path dataDir(String data) {
        if (data.isBlank()) {
            throw new CommandLine.ParameterException(commandLine,
                    "--data needs a folder, or 'none' to keep tasks in memory only");
        }
        String value = data.trim();
        return value.equalsIgnoreCase("none") || PostgresLocation.isUrl(value) ? null : Path.of(value);
    }

    /** The shared database {@code --data} names, if it names one; the password may come from the environment. */
    PostgresLocation database(String data) {
        if (!PostgresLocation.isUrl(data)) {
            return null;
        }
        try {
            return PostgresLocation.parse(data, System.getenv(PostgresLocation.PASSWORD_VARIABLE));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage());
        }
    }

    /** Where {@code --otlp-endpoint} (or the OpenTelemetry variables) send spans; null for nowhere. */
    OtlpDestination otlpDestination(String otlpEndpoint) {
        try {
            return OtlpEnvironment.resolve(otlpEndpoint, System.getenv()).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage());
        }
    }

    /** The {@code --retention} period; null keeps tasks forever. */
    Duration retention(String retention) {
        try {
            return RetentionPeriod.parse(retention).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, "--" + e.getMessage());
        }
    }

    /** The {@code --alert-webhook} URL; null for none. */
    URI webhook(String alertWebhook) {
        if (alertWebhook == null || alertWebhook.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(alertWebhook.strip());
            if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // answered below, like any other bad URL
        }
        throw new IllegalArgumentException("--alert-webhook must be an http or https URL, was '" + alertWebhook + "'");
    }

    void inRange(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new CommandLine.ParameterException(commandLine,
                    option + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    /** The same check for {@code --port} wherever a command takes one. */
    static void requirePort(CommandLine commandLine, int port) {
        if (port < 0 || port > Options.MAX_PORT) {
            throw new CommandLine.ParameterException(commandLine, "--port must be between 0 and " + Options.MAX_PORT
                    + ", was " + port);
        }
    }
}
