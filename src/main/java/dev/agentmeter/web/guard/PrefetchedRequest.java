package dev.agentmeter.web.guard;

import java.nio.ByteBuffer;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * A request whose body was read ahead ({@link RequestBodyPrefetch}): reading it hands out what was read, then
 * the end, and never waits on the network. When the body was longer than its path accepts, what was read (the
 * limit and one byte more) stands for all of it, which whatever serves the path refuses as too large.
 *
 * <p>Not thread-safe: read by the one thread at a time that serves the request, as any request body is.
 */
final class PrefetchedRequest extends Request.Wrapper {

    private Content.Chunk unread;

    PrefetchedRequest(Request request, byte[] body, int length) {
        super(request);
        this.unread = Content.Chunk.from(ByteBuffer.wrap(body, 0, length), true);
    }

    @Override
    public Content.Chunk read() {
        Content.Chunk chunk = unread;
        if (chunk == null) {
            return Content.Chunk.EOF;
        }
        unread = null;
        return chunk;
    }

    @Override
    public void demand(Runnable demandCallback) {
        // Everything there is to read is here already.
        demandCallback.run();
    }
}
