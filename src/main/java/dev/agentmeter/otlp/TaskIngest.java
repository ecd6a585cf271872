package dev.agentmeter.otlp;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.google.protobuf.Message;

import dev.agentmeter.operations.Envelope;
import dev.agentmeter.operations.PartialRecording;
import dev.agentmeter.operations.PerformanceOperations;

/**
 * Traces and logs: maps the request's items to task objects and hands them to
 * {@link PerformanceOperations#recordEach}, so every item meets the rules of {@code POST /api/tasks} on its
 * own; the refused ones are counted in the partial success. Completes once the recorded tasks are durable.
 *
 * <p>Thread-safe.
 */
final class TaskIngest implements SignalIngest {

    private final Signal signal;
    private final Function<Message, TaskBatch> mapping;
    private final PerformanceOperations operations;
    private final UsageSources usageSources;
    private final OtlpObserver observer;

    TaskIngest(Signal signal, Function<Message, TaskBatch> mapping, PerformanceOperations operations,
               UsageSources usageSources, OtlpObserver observer) {
        this.signal = signal;
        this.mapping = mapping;
        this.operations = operations;
        this.usageSources = usageSources;
        this.observer = observer;
    }

    @Override
    public CompletableFuture<Outcome> ingest(Message request) {
        TaskBatch batch = mapping.apply(request);
        usageSources.tasksCarriedUsage(batch.sendersWithUsage());
        observe(OtlpObserver.IGNORED, batch.ignored());
        if (batch.tasks().isEmpty()) {
            return CompletableFuture.completedFuture(new Outcome.Accepted(0, ""));
        }
        return operations.recordEach(batch.tasks()).thenApply(envelope -> outcome(envelope, batch));
    }

    private Outcome outcome(Envelope envelope, TaskBatch batch) {
        if (envelope instanceof Envelope.Failure failure) {
            // Refused as a whole, to be sent again: its items are neither recorded nor rejected yet.
            return Refusals.of(failure);
        }
        var recording = (PartialRecording) ((Envelope.Success) envelope).data();
        observe(OtlpObserver.RECORDED, recording.recorded());
        observe(OtlpObserver.REJECTED, recording.rejected());
        return new Outcome.Accepted(recording.rejected(), Refusals.partialMessage(signal, recording.rejected(),
                batch.tasks().size() + batch.ignored(), recording.problems(), batch.labels()));
    }

    private void observe(String outcome, long count) {
        if (count > 0) {
            observer.observe(signal.label(), outcome, count);
        }
    }
}
