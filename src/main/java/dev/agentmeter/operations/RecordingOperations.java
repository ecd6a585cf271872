package dev.agentmeter.operations;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.agentmeter.metrics.ModelCall;
import dev.agentmeter.metrics.PerformanceMetrics;

/**
 * The recording family: what agents and their telemetry report (one task, a batch (all or nothing), a telemetry
 * batch taken in part, usage without a task) and the reset that forgets it all. Each report is checked by
 * {@link TaskReports} (or {@link UsageReports}), stamped with its arrival time, priced by the
 * {@link CostEstimator} when it has tokens but no cost, and recorded through the {@link TaskRecorder}, so an
 * answer of success means the tasks are durable.
 *
 * <p>Thread-safe.
 */
public final class RecordingOperations {

    private final PerformanceMetrics metrics;
    private final TaskRecorder recorder;
    private final CostEstimator costs;

    RecordingOperations(TaskRecorder recorder, CostEstimator costs) {
        this.metrics = recorder.metrics();
        this.recorder = recorder;
        this.costs = costs;
    }

    /** {@code record_agent_task}: see {@link PerformanceOperations#recordAgentTask}. */
    CompletableFuture<Envelope> recordAgentTask(Arguments arguments) {
        Optional<String> unknown = arguments.unknownArgument(TaskReports.FIELDS);
        if (unknown.isPresent()) {
            return CompletableFuture.completedFuture(Envelope.invalidArgument(
                    OperationSpec.unknownArgument(unknown.get(), TaskReports.FIELDS)));
        }
        Checked<TaskReports.Report> report = TaskReports.check(arguments);
        if (report instanceof Checked.Invalid<TaskReports.Report> invalid) {
            return CompletableFuture.completedFuture(Envelope.invalidArgument(invalid.message()));
        }
        return recorder.record(value(report).at(metrics.now(), costs))
                .thenApply(task -> Envelope.success(HistoryEntryView.of(task)))
                .exceptionally(RecordingRefusedException::answer);
    }

    /** {@code POST /api/tasks}: see {@link PerformanceOperations#recordAgentTasks}. */
    CompletableFuture<Envelope> recordAgentTasks(Object document) {
        if (document instanceof List<?> items && items.size() > TaskReports.MAX_BATCH_SIZE) {
            return CompletableFuture.completedFuture(Envelope.failure(ErrorCode.PAYLOAD_TOO_LARGE,
                    "a batch holds at most " + TaskReports.MAX_BATCH_SIZE + " tasks, got " + items.size()
                            + "; nothing was recorded, send them in several requests"));
        }
        Checked<List<TaskReports.Report>> reports = checkedReports(document);
        if (reports instanceof Checked.Invalid<List<TaskReports.Report>> invalid) {
            return CompletableFuture.completedFuture(Envelope.invalidArgument(invalid.message()));
        }
        List<TaskReports.Report> valid = value(reports);
        return recordReports(valid, new RecordedTasks(valid.size()));
    }

    /** Telemetry's tasks: see {@link PerformanceOperations#recordEach}. */
    CompletableFuture<Envelope> recordEach(List<? extends Map<String, ?>> items) {
        TaskReports.Sorted sorted = TaskReports.sortEach(items);
        return recordReports(sorted.valid(), new PartialRecording(sorted.valid().size(), sorted.rejected(),
                sorted.problems()));
    }

    /** Usage without a task: see {@link PerformanceOperations#recordUsage}. */
    Envelope recordUsage(Map<String, ?> usage) {
        Checked<UsageReports.Report> report = UsageReports.check(Arguments.of(usage));
        if (report instanceof Checked.Invalid<UsageReports.Report> invalid) {
            return Envelope.invalidArgument(invalid.message());
        }
        String agent = value(report).agent();
        ModelCall call = value(report).modelCall(costs);
        metrics.recordUsage(agent, call); // memory only: not journaled, so no wait for durability
        return Envelope.success(UsageView.of(agent, call));
    }

    /** {@code reset_performance_metrics}: forgets every recorded task, in memory and in storage. */
    Envelope resetPerformanceMetrics(Arguments arguments) {
        return OperationCatalogue.RESET_PERFORMANCE_METRICS.answer(arguments, none -> {
            long cleared = recorder.reset();
            return Envelope.success(new ResetConfirmation(true, cleared, IsoTimestamps.format(metrics.now()),
                    "All metrics, history and errors were reset; uptime continues."));
        });
    }

    /** Whether the server can do its whole job now (storage reachable and writing); see {@link Readiness}. */
    Readiness readiness() {
        return recorder.readiness();
    }

    private static Checked<List<TaskReports.Report>> checkedReports(Object document) {
        if (document instanceof Map<?, ?> single) {
            Checked<TaskReports.Report> report = TaskReports.check(Arguments.ofJsonObject(single));
            return report instanceof Checked.Invalid<TaskReports.Report> invalid
                    ? Checked.invalid(invalid.message()) : Checked.valid(List.of(value(report)));
        }
        if (!(document instanceof List<?> items)) {
            return Checked.invalid("expected a task object or an array of task objects, got "
                    + JsonValues.describe(document));
        }
        if (items.isEmpty()) {
            return Checked.invalid("the batch is empty; send at least one task");
        }
        return TaskReports.checkBatch(items);
    }

    /**
     * Records valid reports, all stamped with one arrival time, all or none; answers once all of them are
     * durable, or {@code unavailable} (nothing recorded) when storage cannot take them now.
     */
    private CompletableFuture<Envelope> recordReports(List<TaskReports.Report> reports, Object answer) {
        Instant arrival = metrics.now();
        return recorder.recordAll(reports.stream().map(report -> report.at(arrival, costs)).toList())
                .thenApply(tasks -> Envelope.success(answer))
                .exceptionally(RecordingRefusedException::answer);
    }

    private static <T> T value(Checked<T> checked) {
        return ((Checked.Valid<T>) checked).value();
    }
}
