package dev.agentmeter.mcp.stdio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AnswersOwedTest {

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final StdioOutput output = new StdioOutput(stdout);

    @AfterEach
    void stopTheWriter() throws InterruptedException {
        output.finish(Duration.ofSeconds(10));
    }

    @Test
    void beyondTheBoundTheReaderWaitsUntilAnAnswerIsGiven() throws InterruptedException {
        var owed = new AnswersOwed(2, output);
        owed.take();
        owed.take();
        var reader = new Thread(owed::take, "reader");
        reader.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> reader.getState() == Thread.State.WAITING);
        owed.giveBack();
        reader.join(10_000);

        assertThat(reader.isAlive()).isFalse();
    }

    @Test
    void allAnswersAreWrittenOnlyOnceEveryOwedOneIsGivenBack() throws InterruptedException {
        var owed = new AnswersOwed(4, output);
        assertThat(owed.awaitAllWritten(Duration.ZERO)).as("nothing owed").isTrue();

        owed.take();
        assertThat(owed.awaitAllWritten(Duration.ofMillis(50))).isFalse();
        owed.giveBack();

        assertThat(owed.awaitAllWritten(Duration.ZERO)).isTrue();
        assertThat(owed.awaitAllWritten(Duration.ZERO)).as("waiting gives every permit back").isTrue();
    }

    @Test
    void anAnswerOfItsOwnIsOwedUntilTheWriterHasWrittenIt() throws InterruptedException {
        var owed = new AnswersOwed(1, output);

        owed.answer("{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32700,\"message\":\"Parse error\"}}");

        assertThat(owed.awaitAllWritten(Duration.ofSeconds(10))).isTrue();
        assertThat(stdout.toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32700,\"message\":\"Parse error\"}}\n");
    }
}
