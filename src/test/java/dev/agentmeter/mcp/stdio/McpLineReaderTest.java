package dev.agentmeter.mcp.stdio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class McpLineReaderTest {

    @Test
    void splitsOnNewlinesAndDropsACarriageReturn() throws IOException {
        var reader = reader("one\r\ntwo\n\nthree", 100);

        assertThat(text(reader.next())).isEqualTo("one");
        assertThat(text(reader.next())).isEqualTo("two");
        assertThat(text(reader.next())).isEmpty();
        assertThat(text(reader.next())).isEqualTo("three");
        assertThat(reader.next()).isInstanceOf(LineReader.End.class);
    }

    @Test
    void aLineOverTheLimitIsReportedAndSkippedAndTheNextLineIsRead() throws IOException {
        var reader = reader("x".repeat(11) + "\nnext\n", 10);

        assertThat(reader.next()).isEqualTo(new LineReader.TooLong(11));
        assertThat(text(reader.next())).isEqualTo("next");
    }

    @Test
    void aLineExactlyAtTheLimitIsKept() throws IOException {
        assertThat(text(reader("x".repeat(10) + "\r\n", 10).next())).hasSize(10);
    }

    @Test
    void aLineLongerThanTheReadBufferIsAssembledWhole() throws IOException {
        String longLine = "y".repeat(200_000);

        assertThat(text(reader(longLine + "\nz\n", 300_000).next())).isEqualTo(longLine);
    }

    @Test
    void aHugeLineIsSkippedWithoutKeepingIt() throws IOException {
        var reader = reader("q".repeat(1_000_000) + "\nafter\n", 1_000);

        assertThat(reader.next()).isEqualTo(new LineReader.TooLong(1_000_000));
        assertThat(text(reader.next())).isEqualTo("after");
        assertThat(reader.next()).isInstanceOf(LineReader.End.class);
    }

    private static LineReader reader(String input, int maxLineBytes) {
        return new LineReader(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), maxLineBytes);
    }

    private static String text(LineReader.Line line) {
        assertThat(line).isInstanceOf(LineReader.Bytes.class);
        return new String(((LineReader.Bytes) line).bytes(), StandardCharsets.UTF_8);
    }
}
