package dev.agentmeter.otlp;

import java.util.concurrent.CompletableFuture;

import com.google.protobuf.Message;

/** Takes one decoded export request of a signal; completes once what it recorded is durable. */
@FunctionalInterface
interface SignalIngest {

    CompletableFuture<Outcome> ingest(Message request);
}
