package dev.agentmeter.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies newline-delimited messages from one stream to another, byte for byte, and shows each line to a
 * {@link LineObserver}. It is the only writer of its output, so writes to that side never interleave.
 * One relay runs on one thread; it is not meant to be shared.
 */
final class LineRelay implements Runnable {

    /** Whether the observer sees a line before it is written (so a reply cannot outrun it) or after. */
    enum ObserveOrder { BEFORE_WRITE, AFTER_WRITE }

    /** How a relay ended: the reading side reached its end, or the writing side refused a write. */
    enum Ending { INPUT_ENDED, OUTPUT_FAILED }

    private static final Logger log = LoggerFactory.getLogger(LineRelay.class);
    private static final int CHUNK_BYTES = 64 * 1024;

    private final String name;
    private final InputStream input;
    private final OutputStream output;
    private final LineObserver observer;
    private final ObserveOrder order;
    private final LongSupplier nanoTime;
    private final java.util.function.Consumer<Ending> onEnd;
    // The start of a line that the last read cut in two; only the relay's thread touches it.
    private byte[] partial = new byte[0];
    private int partialLength;

    LineRelay(String name, InputStream input, OutputStream output, LineObserver observer, ObserveOrder order,
              LongSupplier nanoTime, java.util.function.Consumer<Ending> onEnd) {
        this.name = name;
        this.input = input;
        this.output = output;
        this.observer = observer;
        this.order = order;
        this.nanoTime = nanoTime;
        this.onEnd = onEnd;
    }

    @Override
    public void run() {
        onEnd.accept(relay());
    }

    private Ending relay() {
        byte[] chunk = new byte[CHUNK_BYTES];
        while (true) {
            int read;
            try {
                read = input.read(chunk);
            } catch (IOException e) {
                log.debug("{}: reading ended: {}", name, e.toString());
                read = -1;
            }
            if (read < 0) {
                return forwardRest();
            }
            if (!forwardLines(chunk, read)) {
                return Ending.OUTPUT_FAILED;
            }
        }
    }

    private boolean forwardLines(byte[] chunk, int length) {
        int lineStart = 0;
        for (int i = 0; i < length; i++) {
            if (chunk[i] != '\n') {
                continue;
            }
            boolean written;
            if (partialLength == 0) {
                written = forward(chunk, lineStart, i + 1 - lineStart);
            } else {
                append(chunk, lineStart, i + 1 - lineStart);
                written = forward(partial, 0, partialLength);
                partialLength = 0;
                if (partial.length > CHUNK_BYTES) {
                    // One huge message should not pin its buffer for the rest of the session.
                    partial = new byte[0];
                }
            }
            if (!written) {
                return false;
            }
            lineStart = i + 1;
        }
        append(chunk, lineStart, length - lineStart);
        return true;
    }

    private Ending forwardRest() {
        if (partialLength > 0 && !forward(partial, 0, partialLength)) {
            return Ending.OUTPUT_FAILED;
        }
        return Ending.INPUT_ENDED;
    }

    private boolean forward(byte[] bytes, int offset, int length) {
        long receivedNanos = nanoTime.getAsLong();
        if (order == ObserveOrder.BEFORE_WRITE) {
            observe(bytes, offset, length, receivedNanos);
        }
        try {
            output.write(bytes, offset, length);
            output.flush();
        } catch (IOException e) {
            log.debug("{}: writing failed: {}", name, e.toString());
            return false;
        }
        if (order == ObserveOrder.AFTER_WRITE) {
            observe(bytes, offset, length, receivedNanos);
        }
        return true;
    }

    private void observe(byte[] bytes, int offset, int length, long receivedNanos) {
        try {
            observer.onLine(bytes, offset, length, receivedNanos);
        } catch (RuntimeException e) {
            // Watching must never break the session it watches.
            log.warn("{}: could not observe a line: {}", name, e.toString());
        }
    }

    private void append(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return;
        }
        if (partialLength + length > partial.length) {
            partial = Arrays.copyOf(partial, Math.max(partial.length * 2, partialLength + length));
        }
        System.arraycopy(bytes, offset, partial, partialLength, length);
        partialLength += length;
    }
}
