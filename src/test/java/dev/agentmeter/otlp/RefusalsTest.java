package dev.agentmeter.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.agentmeter.operations.Envelope;
import dev.agentmeter.operations.ErrorCode;

class RefusalsTest {

    @Test
    void storageThatCannotTakeTasksNowIsA503WithRetryAfter() {
        assertThat(Refusals.of(new Envelope.Failure(ErrorCode.UNAVAILABLE, "storage is overloaded")))
                .isEqualTo(new Outcome.Refused(503, RpcStatus.UNAVAILABLE, "storage is overloaded", 1));
    }

    @Test
    void aLimitIsA429WithRetryAfter() {
        assertThat(Refusals.of(new Envelope.Failure(ErrorCode.RATE_LIMITED, "slow down")))
                .isEqualTo(new Outcome.Refused(429, RpcStatus.RESOURCE_EXHAUSTED, "slow down", 1));
    }

    @Test
    void anythingElseUnexpectedIsA500ThatNamesNoInternals() {
        assertThat(Refusals.of(new Envelope.Failure(ErrorCode.INTERNAL_ERROR, "NullPointerException at X")))
                .isEqualTo(new Outcome.Refused(500, RpcStatus.INTERNAL, "internal error; the server log has the details",
                        0));
    }
}
