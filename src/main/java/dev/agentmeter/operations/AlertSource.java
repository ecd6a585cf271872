package dev.agentmeter.operations;

import java.util.List;

/** Where the firing alerts come from; implemented by the alerting adapter. Implementations are thread-safe. */
@FunctionalInterface
public interface AlertSource {

    /** No rules configured: nothing ever fires. */
    AlertSource NONE = List::of;

    /** The alerts firing now, oldest first. */
    List<AlertView> active();
}
