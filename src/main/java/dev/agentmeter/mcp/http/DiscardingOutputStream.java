package dev.agentmeter.mcp.http;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;

/**
 * A servlet output stream that drops every byte: where the SDK's own error bodies and the answers to requests we
 * make of it ourselves go, since what reaches the client is written elsewhere.
 */
final class DiscardingOutputStream extends ServletOutputStream {

    @Override
    public void write(int b) {
    }

    @Override
    public boolean isReady() {
        return true;
    }

    @Override
    public void setWriteListener(WriteListener listener) {
    }
}
