package dev.agentmeter.web.api;

/** A request body as read: its bytes, or why there are none. Expected trouble is a value, not an exception. */
sealed interface RequestBody permits RequestBody.Received, RequestBody.TooLarge, RequestBody.Unreadable {

    /** The whole body; empty when the request had none. */
    record Received(byte[] bytes) implements RequestBody {
    }

    /** The body went past the limit (declared or counted while reading) and was not kept. */
    record TooLarge(int limitBytes) implements RequestBody {
    }

    /** The body could not be read: the client broke off or sent bad framing. */
    record Unreadable() implements RequestBody {
    }
}
