package dev.agentmeter.operations;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.agentmeter.metrics.TaskRecord;

/**
 * The simulation family: {@code simulate_agent_task} and {@code POST /api/tasks/simulate}, a synthetic task
 * that really lasts its duration (on the {@link TaskSimulator}'s timer, holding no thread).
 *
 * <p>Thread-safe.
 */
final class SimulationOperations {

    private final TaskSimulator simulator;

    SimulationOperations(TaskSimulator simulator) {
        this.simulator = simulator;
    }

    /**
     * Completes when the simulated task has really run its duration and is durable; {@code unavailable} when
     * too many run, or when storage cannot take the task then (it is not recorded).
     */
    CompletableFuture<Envelope> simulateAgentTask(Arguments arguments) {
        Checked<ArgumentValues> checked = OperationCatalogue.SIMULATE_AGENT_TASK.check(arguments);
        if (checked instanceof Checked.Invalid<ArgumentValues> invalid) {
            return CompletableFuture.completedFuture(Envelope.invalidArgument(invalid.message()));
        }
        ArgumentValues values = ((Checked.Valid<ArgumentValues>) checked).value();
        Duration duration = Duration.ofNanos(Math.round(values.number("duration") * 1e9));
        return simulator.start(values.text("name"), duration, values.flag("should_fail"))
                .map(running -> running.thenApply(SimulationOperations::outcome)
                        .exceptionally(RecordingRefusedException::answer))
                .orElseGet(() -> CompletableFuture.completedFuture(Envelope.failure(ErrorCode.UNAVAILABLE,
                        "too many simulations running (" + simulator.maxInFlight() + "); try again shortly")));
    }

    private static Envelope outcome(TaskRecord task) {
        double seconds = Math.round(task.durationMicros() / 1000.0) / 1000.0;
        return Envelope.success(new SimulationOutcome(task.name(), seconds, task.success(), task.error(),
                task.durationMillis(), IsoTimestamps.format(task.timestamp())));
    }
}
