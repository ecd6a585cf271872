package dev.agentmeter.otlp;

import java.util.List;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.agentmeter.operations.Envelope;

/**
 * The words of an OTLP answer for what the operations refused: a partial success's error message (which
 * item, and why), or the whole request's refusal when the server cannot take it now.
 */
final class Refusals {

    /** How long a sender should wait when storage or a limit refuses now. */
    static final long RETRY_AFTER_SECONDS = 1;
    private static final Pattern ITEM = Pattern.compile("^items\\[(\\d+)\\][.:]\\s?");

    private Refusals() {
    }

    /**
     * "2 of 1000 spans were refused: span 5b8e...: duration_ms must be ...; ...": the task rules' messages,
     * each item named by its label instead of its place among the tasks.
     */
    static String partialMessage(Signal signal, int rejected, int items, List<String> problems,
                                 IntFunction<String> labels) {
        if (rejected == 0) {
            return "";
        }
        var message = new StringBuilder().append(rejected).append(" of ").append(items).append(' ')
                .append(signal.items()).append(rejected == 1 ? " was" : " were").append(" refused: ");
        for (int i = 0; i < problems.size(); i++) {
            message.append(i == 0 ? "" : "; ").append(labelled(problems.get(i), labels));
        }
        if (rejected > problems.size()) {
            message.append("; and ").append(rejected - problems.size()).append(" more");
        }
        return message.toString();
    }

    /** A whole request the operations refused (storage overloaded, ...), as an OTLP refusal. */
    static Outcome.Refused of(Envelope.Failure failure) {
        return switch (failure.code()) {
            case UNAVAILABLE -> new Outcome.Refused(503, RpcStatus.UNAVAILABLE, failure.message(), RETRY_AFTER_SECONDS);
            case RATE_LIMITED -> new Outcome.Refused(429, RpcStatus.RESOURCE_EXHAUSTED, failure.message(),
                    RETRY_AFTER_SECONDS);
            case INVALID_ARGUMENT -> new Outcome.Refused(400, RpcStatus.INVALID_ARGUMENT, failure.message(), 0);
            case PAYLOAD_TOO_LARGE -> new Outcome.Refused(413, RpcStatus.INVALID_ARGUMENT, failure.message(), 0);
            default -> new Outcome.Refused(500, RpcStatus.INTERNAL, "internal error; the server log has the details",
                    0);
        };
    }

    private static String labelled(String problem, IntFunction<String> labels) {
        Matcher item = ITEM.matcher(problem);
        if (!item.find()) {
            return problem;
        }
        return labels.apply(Integer.parseInt(item.group(1))) + ": " + problem.substring(item.end());
    }
}
