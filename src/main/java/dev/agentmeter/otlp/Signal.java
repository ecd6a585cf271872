package dev.agentmeter.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;

/**
 * The three OTLP signals, each with its path, its request and response messages (the published bindings),
 * and the name of the items its partial success counts.
 */
enum Signal {

    TRACES("traces", "/v1/traces", "spans") {
        @Override
        Message parse(byte[] protobuf) throws InvalidProtocolBufferException {
            return ExportTraceServiceRequest.parseFrom(protobuf);
        }

        @Override
        Message.Builder newRequest() {
            return ExportTraceServiceRequest.newBuilder();
        }

        @Override
        Message response(long rejected, String errorMessage) {
            var answer = ExportTraceServiceResponse.newBuilder();
            if (rejected > 0 || !errorMessage.isEmpty()) {
                answer.setPartialSuccess(ExportTracePartialSuccess.newBuilder().setRejectedSpans(rejected)
                        .setErrorMessage(errorMessage));
            }
            return answer.build();
        }
    },

    LOGS("logs", "/v1/logs", "log records") {
        @Override
        Message parse(byte[] protobuf) throws InvalidProtocolBufferException {
            return ExportLogsServiceRequest.parseFrom(protobuf);
        }

        @Override
        Message.Builder newRequest() {
            return ExportLogsServiceRequest.newBuilder();
        }

        @Override
        Message response(long rejected, String errorMessage) {
            var answer = ExportLogsServiceResponse.newBuilder();
            if (rejected > 0 || !errorMessage.isEmpty()) {
                answer.setPartialSuccess(ExportLogsPartialSuccess.newBuilder().setRejectedLogRecords(rejected)
                        .setErrorMessage(errorMessage));
            }
            return answer.build();
        }
    },

    METRICS("metrics", "/v1/metrics", "data points") {
        @Override
        Message parse(byte[] protobuf) throws InvalidProtocolBufferException {
            return ExportMetricsServiceRequest.parseFrom(protobuf);
        }

        @Override
        Message.Builder newRequest() {
            return ExportMetricsServiceRequest.newBuilder();
        }

        @Override
        Message response(long rejected, String errorMessage) {
            var answer = ExportMetricsServiceResponse.newBuilder();
            if (rejected > 0 || !errorMessage.isEmpty()) {
                answer.setPartialSuccess(ExportMetricsPartialSuccess.newBuilder().setRejectedDataPoints(rejected)
                        .setErrorMessage(errorMessage));
            }
            return answer.build();
        }
    };

    private final String label;
    private final String path;
    private final String items;

    Signal(String label, String path, String items) {
        this.label = label;
        this.path = path;
        this.items = items;
    }

    /** {@code traces}, {@code logs} or {@code metrics}: the label of the server's own metrics. */
    String label() {
        return label;
    }

    /** Where the signal is posted: {@code /v1/traces}, ... */
    String path() {
        return path;
    }

    /** What the signal's items are called in messages: {@code spans}, ... */
    String items() {
        return items;
    }

    /** The signal posted to {@code path}, or null. */
    static Signal atPath(String path) {
        for (Signal signal : values()) {
            if (signal.path.equals(path)) {
                return signal;
            }
        }
        return null;
    }

    /** The export request in binary protobuf. */
    abstract Message parse(byte[] protobuf) throws InvalidProtocolBufferException;

    /** An empty builder of the export request, for the JSON mapping to fill. */
    abstract Message.Builder newRequest();

    /**
     * The export response: full success when nothing was rejected and there is nothing to say, else with its
     * {@code partial_success} set.
     */
    abstract Message response(long rejected, String errorMessage);
}
