package dev.agentmeter.otlp;

import com.google.protobuf.Message;

/** A request body decoded as its signal's export request, or why it could not be. */
sealed interface Decoded {

    /** The export request. */
    record Request(Message message) implements Decoded {
    }

    /** Not the export request in the encoding it claimed; the reason is meant for the sender. */
    record Undecodable(String reason) implements Decoded {
    }
}
