package dev.agentmeter.operations;

import java.util.concurrent.CompletionException;

/**
 * A recording refused whole because the journal had no room for its tasks (storage is falling behind):
 * nothing of it was recorded, in memory or in storage, so the caller may simply send it again. It travels as
 * the failure of the recording's future and becomes an {@code unavailable} envelope at the operation.
 */
public final class RecordingRefusedException extends RuntimeException {

    static final String MESSAGE = "storage is falling behind and cannot take more tasks now; nothing was recorded: "
            + "retry in a second";

    RecordingRefusedException() {
        super(MESSAGE, null, false, false);
    }

    /**
     * The {@code unavailable} envelope when {@code failure} is a refused recording; any other failure (a bug)
     * goes on as it was.
     */
    static Envelope answer(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof RecordingRefusedException refused) {
            return Envelope.failure(ErrorCode.UNAVAILABLE, refused.getMessage());
        }
        throw failure instanceof CompletionException completion ? completion : new CompletionException(failure);
    }
}
