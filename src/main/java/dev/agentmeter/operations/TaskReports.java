package dev.agentmeter.operations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import dev.agentmeter.metrics.ModelCall;
import dev.agentmeter.metrics.TaskRecord;

/**
 * The rules for tasks that agents report themselves ({@code record_agent_task}, {@code POST /api/tasks}):
 * {@code name} (a task name), {@code duration_ms} (0 to 24 hours), {@code success}, an optional {@code error}
 * (control characters stripped, cut to {@value #MAX_ERROR_LENGTH} characters, kept only for a failure) and
 * an optional {@code agent} (the rules of a task name), and when the task was a model call the optional
 * {@code model} and {@code provider} (names), {@code input_tokens} (cached ones included),
 * {@code output_tokens}, {@code cache_read_tokens}, {@code cache_write_tokens} (0 to
 * {@value #MAX_TOKENS} each), {@code cost_usd} (0 to {@value #MAX_COST_USD}) and {@code trace_id}.
 * Unknown fields are refused, as everywhere.
 *
 * <p>A batch is all or nothing: one bad item refuses the whole batch and the message names every bad item
 * by index, so the reporter can fix and resend it without recording the good ones twice.
 *
 * <p>Thread-safe (stateless).
 */
final class TaskReports {

    static final List<String> FIELDS = List.of("name", "duration_ms", "success", "error", "agent", "model",
            "provider", "input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens", "cost_usd",
            "trace_id");
    // FIELDS for the lookup every item makes: by hash rather than by comparing with each name.
    private static final Set<String> FIELD_SET = Set.copyOf(FIELDS);
    static final double MAX_DURATION_MS = TaskReportLimits.MAX_DURATION_MS;
    static final long MAX_TOKENS = TaskReportLimits.MAX_TOKENS;
    static final double MAX_COST_USD = TaskReportLimits.MAX_COST_USD;
    static final int MAX_ERROR_LENGTH = TaskReportLimits.MAX_ERROR_LENGTH;
    static final int MAX_BATCH_SIZE = TaskReportLimits.MAX_BATCH_SIZE;
    static final int MAX_LISTED_PROBLEMS = 20;

    /** A valid report, ready to be stamped with its arrival time. */
    record Report(String name, long durationMicros, boolean success, String error, String agent, Usage usage,
                  String traceId) {
        TaskRecord at(Instant arrival, CostEstimator costs) {
            return new TaskRecord(name, durationMicros, success, error, arrival, agent,
                    usage == null ? null : usage.modelCall(costs), traceId);
        }
    }

    /** The model-call fields of a valid report; at least one of them was given. */
    record Usage(String model, String provider, Long inputTokens, Long outputTokens, Long cacheReadTokens,
                 Long cacheWriteTokens, Double costUsd) {

        /** Whether no model-call field was given at all. */
        boolean isEmpty() {
            return model == null && provider == null && !reportsUsage();
        }

        /** Whether a token count or a cost was given. */
        boolean reportsUsage() {
            return inputTokens != null || outputTokens != null || cacheReadTokens != null
                    || cacheWriteTokens != null || costUsd != null;
        }

        /** The model call, its cost as reported, else estimated from its tokens when any were reported. */
        ModelCall modelCall(CostEstimator costs) {
            Long costNanoUsd = costUsd != null ? Long.valueOf(Math.round(costUsd * ModelCall.NANOS_PER_USD))
                    : estimate(costs);
            return new ModelCall(model, provider, inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens,
                    costNanoUsd);
        }

        private Long estimate(CostEstimator costs) {
            if (model == null || (inputTokens == null && outputTokens == null)) {
                return null;
            }
            Long estimate = costs.costNanoUsd(provider, model, orZero(inputTokens), orZero(outputTokens),
                    orZero(cacheReadTokens), orZero(cacheWriteTokens));
            return estimate == null || estimate < 0 ? null : estimate; // a negative price is no price
        }
    }

    /** What is wrong with one item; a field's message starts with the field's name. */
    private record Problem(boolean aboutField, String message) {
        String atIndex(int index) {
            return "items[" + index + "]" + (aboutField ? "." : ": ") + message;
        }
    }

    private TaskReports() {
    }

    /** One report, or every problem it has (joined with "; "). */
    static Checked<Report> check(Arguments arguments) {
        var problems = new ArrayList<Problem>();
        Report report = check(arguments, problems);
        if (!problems.isEmpty()) {
            return Checked.invalid(String.join("; ", problems.stream().map(Problem::message).toList()));
        }
        return Checked.valid(report);
    }

    /**
     * A batch of decoded JSON values: every report, or why the batch is refused as a whole. An empty or
     * non-object item is a problem like any other; the listed problems stop at {@value #MAX_LISTED_PROBLEMS}.
     */
    static Checked<List<Report>> checkBatch(List<?> items) {
        var reports = new ArrayList<Report>(items.size());
        var messages = new ArrayList<String>();
        int problemCount = 0;
        for (int index = 0; index < items.size(); index++) {
            var problems = new ArrayList<Problem>();
            Object item = items.get(index);
            if (item instanceof Map<?, ?> map) {
                reports.add(check(Arguments.ofJsonObject(map), problems));
            } else {
                problems.add(new Problem(false, "must be a task object, got " + JsonValues.describe(item)));
            }
            for (Problem problem : problems) {
                if (problemCount++ < MAX_LISTED_PROBLEMS) {
                    messages.add(problem.atIndex(index));
                }
            }
        }
        if (problemCount == 0) {
            return Checked.valid(reports);
        }
        String listed = String.join("; ", messages);
        int unlisted = problemCount - messages.size();
        return Checked.invalid("nothing was recorded: " + listed
                + (unlisted > 0 ? "; and " + unlisted + " more" : ""));
    }

    /**
     * Each item on its own, for telemetry whose protocol accepts part of a batch (OTLP's partial success):
     * the valid reports, and how many items were refused with the first few reasons.
     */
    static Sorted sortEach(List<? extends Map<?, ?>> items) {
        var reports = new ArrayList<Report>(items.size());
        var messages = new ArrayList<String>();
        int rejected = 0;
        for (int index = 0; index < items.size(); index++) {
            var problems = new ArrayList<Problem>();
            Report report = check(Arguments.ofJsonObject(items.get(index)), problems);
            if (problems.isEmpty()) {
                reports.add(report);
            } else if (rejected++ < MAX_LISTED_PROBLEMS) {
                messages.add(problems.get(0).atIndex(index));
            }
        }
        return new Sorted(reports, rejected, messages);
    }

    /** The outcome of {@link #sortEach}: what may be recorded, and what was refused. */
    record Sorted(List<Report> valid, int rejected, List<String> problems) {
    }

    private static Report check(Arguments arguments, List<Problem> problems) {
        Optional<String> unknown = arguments.unknownArgument(FIELD_SET);
        unknown.ifPresent(field -> problems.add(new Problem(false, "unknown argument '" + TaskNames.printable(field)
                + "'; expected: " + String.join(", ", FIELDS))));
        Checked<String> name = arguments.newTaskName("name");
        Checked<Double> durationMs = arguments.requiredNumber("duration_ms", 0, MAX_DURATION_MS, "milliseconds");
        Checked<Boolean> success = arguments.requiredBool("success");
        Checked<String> error = arguments.optionalText("error", MAX_ERROR_LENGTH);
        Checked<String> agent = arguments.optionalNewName("agent");
        // One call per field rather than a loop over a list: no list to build for every task.
        Consumer<String> fieldProblems = message -> problems.add(new Problem(true, message));
        noteInvalid(name, fieldProblems);
        noteInvalid(durationMs, fieldProblems);
        noteInvalid(success, fieldProblems);
        noteInvalid(error, fieldProblems);
        noteInvalid(agent, fieldProblems);
        Usage usage = checkUsage(arguments, fieldProblems);
        Checked<String> traceId = arguments.optionalTraceId("trace_id");
        noteInvalid(traceId, fieldProblems);
        if (!problems.isEmpty()) {
            return null;
        }
        return new Report(value(name), Math.round(value(durationMs) * 1000), value(success), value(error),
                value(agent), usage.isEmpty() ? null : usage, value(traceId));
    }

    /**
     * The model-call fields ({@code model}, {@code provider}, the four token counts, {@code cost_usd}) by the
     * rules above, shared with usage reported without a task; {@code null} after telling {@code problems}
     * what is wrong with them (each message starts with the field's name).
     */
    static Usage checkUsage(Arguments arguments, Consumer<String> problems) {
        Checked<String> model = arguments.optionalNewName("model");
        Checked<String> provider = arguments.optionalNewName("provider");
        Checked<Long> inputTokens = arguments.optionalWholeNumber("input_tokens", 0, MAX_TOKENS);
        Checked<Long> outputTokens = arguments.optionalWholeNumber("output_tokens", 0, MAX_TOKENS);
        Checked<Long> cacheReadTokens = arguments.optionalWholeNumber("cache_read_tokens", 0, MAX_TOKENS);
        Checked<Long> cacheWriteTokens = arguments.optionalWholeNumber("cache_write_tokens", 0, MAX_TOKENS);
        Checked<Double> costUsd = arguments.optionalNumber("cost_usd", 0, MAX_COST_USD, "US dollars");
        boolean valid = noteInvalid(model, problems);
        valid &= noteInvalid(provider, problems);
        valid &= noteInvalid(inputTokens, problems);
        valid &= noteInvalid(outputTokens, problems);
        valid &= noteInvalid(cacheReadTokens, problems);
        valid &= noteInvalid(cacheWriteTokens, problems);
        valid &= noteInvalid(costUsd, problems);
        if (!valid) {
            return null;
        }
        if (value(inputTokens) != null
                && orZero(value(cacheReadTokens)) + orZero(value(cacheWriteTokens)) > value(inputTokens)) {
            problems.accept("input_tokens counts cached tokens too: it must be at least "
                    + "cache_read_tokens + cache_write_tokens");
            return null;
        }
        return new Usage(value(model), value(provider), value(inputTokens), value(outputTokens),
                value(cacheReadTokens), value(cacheWriteTokens), value(costUsd));
    }

    /** Tells {@code problems} why {@code checked} is invalid; whether it is valid. */
    private static boolean noteInvalid(Checked<?> checked, Consumer<String> problems) {
        if (checked instanceof Checked.Invalid<?> invalid) {
            problems.accept(invalid.message());
            return false;
        }
        return true;
    }

    private static long orZero(Long tokens) {
        return tokens == null ? 0 : tokens;
    }

    private static <T> T value(Checked<T> checked) {
        return ((Checked.Valid<T>) checked).value();
    }
}
