package dev.agentmeter.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class LineRelayTest {

    @Test
    void bytesPassUnchangedEvenWhenLinesAreSplitAcrossReads() {
        String text = "{\"a\":1}\n{\"b\":\"\u00e9\u4e2d\"}\r\n\n  spaced  \n{\"c\":3}";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        var out = new ByteArrayOutputStream();
        var lines = new ArrayList<String>();

        relay(new TrickleInputStream(bytes, 3), out, (b, o, l, t) -> lines.add(new String(b, o, l,
                StandardCharsets.UTF_8))).run();

        assertThat(out.toByteArray()).isEqualTo(bytes);
        assertThat(lines).containsExactly("{\"a\":1}\n", "{\"b\":\"\u00e9\u4e2d\"}\r\n", "\n", "  spaced  \n",
                "{\"c\":3}");
    }

    @Test
    void anObserverThatThrowsDoesNotStopTheForwarding() {
        byte[] bytes = "one\ntwo\n".getBytes(StandardCharsets.UTF_8);
        var out = new ByteArrayOutputStream();

        relay(new TrickleInputStream(bytes, 100), out, (b, o, l, t) -> {
            throw new IllegalStateException("observer bug");
        }).run();

        assertThat(out.toByteArray()).isEqualTo(bytes);
    }

    @Test
    void theEndOfTheInputIsReported() {
        var ending = new AtomicReference<LineRelay.Ending>();
        new LineRelay("test", new TrickleInputStream(new byte[0], 1), new ByteArrayOutputStream(),
                (b, o, l, t) -> { }, LineRelay.ObserveOrder.AFTER_WRITE, System::nanoTime, ending::set).run();

        assertThat(ending).hasValue(LineRelay.Ending.INPUT_ENDED);
    }

    @Test
    void aFailedWriteEndsTheRelayAndIsReported() {
        var ending = new AtomicReference<LineRelay.Ending>();
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("pipe closed");
            }
        };
        new LineRelay("test", new TrickleInputStream("x\ny\n".getBytes(StandardCharsets.UTF_8), 100), broken,
                (b, o, l, t) -> { }, LineRelay.ObserveOrder.AFTER_WRITE, System::nanoTime, ending::set).run();

        assertThat(ending).hasValue(LineRelay.Ending.OUTPUT_FAILED);
    }

    @Test
    void beforeWriteTheObserverSeesALineBeforeTheOtherSideDoes() {
        var out = new ByteArrayOutputStream();
        List<Integer> writtenWhenObserved = new ArrayList<>();
        new LineRelay("test", new TrickleInputStream("x\n".getBytes(StandardCharsets.UTF_8), 100), out,
                (b, o, l, t) -> writtenWhenObserved.add(out.size()), LineRelay.ObserveOrder.BEFORE_WRITE,
                System::nanoTime, ending -> { }).run();

        assertThat(writtenWhenObserved).containsExactly(0);
    }

    private static LineRelay relay(InputStream in, OutputStream out, LineObserver observer) {
        return new LineRelay("test", in, out, observer, LineRelay.ObserveOrder.AFTER_WRITE, System::nanoTime,
                ending -> { });
    }

    /** Gives at most {@code step} bytes per read, as a pipe may. */
    private static final class TrickleInputStream extends InputStream {
        private final byte[] bytes;
        private final int step;
        private int position;

        TrickleInputStream(byte[] bytes, int step) {
            this.bytes = bytes;
            this.step = step;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= bytes.length) {
                return -1;
            }
            int count = Math.min(Math.min(length, step), bytes.length - position);
            System.arraycopy(bytes, position, buffer, offset, count);
            position += count;
            return count;
        }
    }
}
