package dev.agentmeter.otlp;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;

/**
 * One OTLP/HTTP answer, ready to write: its status, content type, extra headers and body. A success carries
 * the signal's export response, a failure a {@code google.rpc.Status} ({@link RpcStatus}), both in the
 * request's encoding (JSON when the request's own type was not one of the two).
 */
record OtlpAnswer(int status, String contentType, Map<String, String> headers, byte[] body) {

    private static final JsonFormat.Printer JSON = JsonFormat.printer().omittingInsignificantWhitespace();

    /** 200 with the export response, and its partial success when {@code rejected} items were refused. */
    static OtlpAnswer accepted(Signal signal, Encoding encoding, long rejected, String errorMessage) {
        return new OtlpAnswer(200, encoding.mediaType(), Map.of(),
                encode(signal.response(rejected, errorMessage), encoding));
    }

    /** A failure: {@code status} with a Status message saying why, and whatever headers go with it. */
    static OtlpAnswer failure(int status, int rpcCode, String message, Encoding encoding,
                              Map<String, String> headers) {
        return new OtlpAnswer(status, encoding.mediaType(), headers, encode(RpcStatus.of(rpcCode, message), encoding));
    }

    private static byte[] encode(Message message, Encoding encoding) {
        if (encoding == Encoding.PROTOBUF) {
            return message.toByteArray();
        }
        try {
            return JSON.print(message).getBytes(StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("an OTLP answer could not be written as JSON", e);
        }
    }
}
