package dev.agentmeter.operations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.agentmeter.metrics.TaskRecord;

/**
 * The rules for tasks that agents report themselves ({@code record_agent_task}, {@code POST /api/tasks}):
 * {@code name} (a task name), {@code duration_ms} (0 to 24 hours), {@code success}, an optional {@code error}
 * (control characters stripped, cut to {@value #MAX_ERROR_LENGTH} characters, kept only for a failure) and
 * an optional {@code agent} (the rules of a task name). Unknown fields are refused, as everywhere.
 *
 * <p>A batch is all or nothing: one bad item refuses the whole batch and the message names every bad item
 * by index, so the reporter can fix and resend it without recording the good ones twice.
 *
 * <p>Thread-safe (stateless).
 */
final class TaskReports {

    static final List<String> FIELDS = List.of("name", "duration_ms", "success", "error", "agent");
    static final double MAX_DURATION_MS = 86_400_000;
    static final int MAX_ERROR_LENGTH = 1000;
    static final int MAX_BATCH_SIZE = 1000;
    static final int MAX_LISTED_PROBLEMS = 20;

    /** A valid report, ready to be stamped with its arrival time. */
    record Report(String name, long durationMicros, boolean success, String error, String agent) {
        TaskRecord at(Instant arrival) {
            return new TaskRecord(name, durationMicros, success, error, arrival, agent);
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
                problems.add(new Problem(false, "must be a task object, got " + Arguments.describe(item)));
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

    private static Report check(Arguments arguments, List<Problem> problems) {
        Optional<String> unknown = arguments.unknownArgument(FIELDS);
        unknown.ifPresent(field -> problems.add(new Problem(false, "unknown argument '" + TaskNames.printable(field)
                + "'; expected: " + String.join(", ", FIELDS))));
        Checked<String> name = arguments.newTaskName("name");
        Checked<Double> durationMs = arguments.requiredNumber("duration_ms", 0, MAX_DURATION_MS, "milliseconds");
        Checked<Boolean> success = arguments.requiredBool("success");
        Checked<String> error = arguments.optionalText("error", MAX_ERROR_LENGTH);
        Checked<String> agent = arguments.optionalNewName("agent");
        for (Checked<?> checked : List.of(name, durationMs, success, error, agent)) {
            if (checked instanceof Checked.Invalid<?> invalid) {
                problems.add(new Problem(true, invalid.message()));
            }
        }
        if (!problems.isEmpty()) {
            return null;
        }
        return new Report(value(name), Math.round(value(durationMs) * 1000), value(success), value(error),
                value(agent));
    }

    private static <T> T value(Checked<T> checked) {
        return ((Checked.Valid<T>) checked).value();
    }
}
