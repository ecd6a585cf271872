package dev.agentmeter.operations;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.agentmeter.metrics.ModelCall;

/**
 * The rules for usage reported without a task (OpenTelemetry metrics that count tokens and cost on their
 * own): {@code agent} and the model-call fields of a task report, by the same rules ({@link TaskReports}),
 * with at least one token count or a cost. Unknown fields are refused, as everywhere.
 *
 * <p>Thread-safe (stateless).
 */
final class UsageReports {

    static final List<String> FIELDS = List.of("agent", "model", "provider", "input_tokens", "output_tokens",
            "cache_read_tokens", "cache_write_tokens", "cost_usd");

    /** A valid usage report: who used it (null when unknown) and what. */
    record Report(String agent, TaskReports.Usage usage) {

        /** The usage as a model call, its cost as reported, else estimated from its tokens. */
        ModelCall modelCall(CostEstimator costs) {
            return usage.modelCall(costs);
        }
    }

    private UsageReports() {
    }

    /** One report, or every problem it has (joined with "; "). */
    static Checked<Report> check(Arguments arguments) {
        var problems = new ArrayList<String>();
        Optional<String> unknown = arguments.unknownArgument(FIELDS);
        unknown.ifPresent(field -> problems.add("unknown argument '" + TaskNames.printable(field) + "'; expected: "
                + String.join(", ", FIELDS)));
        Checked<String> agent = arguments.optionalName("agent");
        if (agent instanceof Checked.Invalid<String> invalid) {
            problems.add(invalid.message());
        }
        TaskReports.Usage usage = TaskReports.checkUsage(arguments, problems::add);
        if (usage != null && !usage.reportsUsage()) {
            problems.add("usage needs at least one of input_tokens, output_tokens, cache_read_tokens, "
                    + "cache_write_tokens, cost_usd");
        }
        if (!problems.isEmpty()) {
            return Checked.invalid(String.join("; ", problems));
        }
        return Checked.valid(new Report(((Checked.Valid<String>) agent).value(), usage));
    }
}
