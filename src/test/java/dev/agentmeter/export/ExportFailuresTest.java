package dev.agentmeter.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.sdk.common.export.HttpResponse;

/** Pins how the SDK reports a failed export, which decides whether a batch is kept or dropped. */
class ExportFailuresTest {

    private static HttpResponse answer(int status) {
        return new HttpResponse() {
            @Override
            public int getStatusCode() {
                return status;
            }

            @Override
            public String getStatusMessage() {
                return "scripted";
            }

            @Override
            public byte[] getResponseBody() {
                return new byte[0];
            }
        };
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 502, 503, 504})
    void anOutageAnswerIsRetried(int status) {
        var failure = ExportFailures.classify(FailedExportException.httpFailedWithResponse(answer(status)));

        assertThat(failure).isEqualTo(new ExportFailures.Failure(true, "HTTP " + status));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 413, 500})
    void anyOtherAnswerRefusesTheBatch(int status) {
        var failure = ExportFailures.classify(FailedExportException.httpFailedWithResponse(answer(status)));

        assertThat(failure).isEqualTo(new ExportFailures.Failure(false, "HTTP " + status));
    }

    @Test
    void noAnswerIsRetriedWithTheCauseAsReason() {
        var failure = ExportFailures.classify(FailedExportException.httpFailedExceptionally(
                new ConnectException("Connection refused")));

        assertThat(failure).isEqualTo(new ExportFailures.Failure(true, "ConnectException: Connection refused"));
    }

    @Test
    void aFailureWithoutAThrowableIsRetried() {
        assertThat(ExportFailures.classify(null).retryable()).isTrue();
    }
}
