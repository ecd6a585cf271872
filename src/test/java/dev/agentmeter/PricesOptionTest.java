package dev.agentmeter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** {@code --prices FILE}: a bad table stops the start with one line that names the file and the line. */
class PricesOptionTest {

    @TempDir
    Path folder;

    @Test
    void aMalformedPriceFileIsRefusedNamingTheFileAndTheLine() throws IOException {
        Path prices = Files.writeString(folder.resolve("prices.csv"), """
                provider,model,match,input_per_mtok,output_per_mtok,cache_read_per_mtok,cache_write_per_mtok
                acme,house-model,exact,abc,10,,
                """);

        var err = new StringWriter();
        var commandLine = new CommandLine(new AgentMeter());
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute("--prices", prices.toString(), "--data", "none", "--port", "0");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--prices " + prices + " line 2: input_per_mtok 'abc' is not a number")
                .doesNotContain("Exception");
    }

    @Test
    void aMissingPriceFileIsRefused() {
        var err = new StringWriter();
        var commandLine = new CommandLine(new AgentMeter());
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute("--prices", folder.resolve("none.csv").toString(), "--data", "none");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("none.csv: no such file");
    }
}
