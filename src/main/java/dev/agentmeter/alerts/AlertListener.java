package dev.agentmeter.alerts;

/** Told of each transition, on the evaluating thread: must return at once (log, enqueue, raise a flag). */
@FunctionalInterface
public interface AlertListener {

    void onTransition(AlertTransition transition);
}
