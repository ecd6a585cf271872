package dev.agentmeter.mcp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.agentmeter.mcp.features.ResourceDefinitions;
import dev.agentmeter.mcp.features.TaskUris;
import dev.agentmeter.operations.PerformanceOperations;
import dev.agentmeter.metrics.MetricsEvent;
import dev.agentmeter.operations.TaskNames;

/**
 * Which resources changed since the last {@link #drain}, so that a subscriber hears of each at most once per
 * tick however many tasks land. Only what really changed is named: a task changes the metrics, the dashboard,
 * the history and its own task URI, and the error log only when it failed; a reset changes every one, including
 * every task URI named since the previous reset; usage recorded without a task changes the metrics and the
 * dashboard only. A task counted under {@code (other)} (beyond the cap on names) changes
 * {@code agentmeter://tasks/%28other%29}.
 *
 * <p>Thread-safe: {@link #accept} runs on recording threads and only sets flags (lock-free); {@link #drain} runs
 * on one notifying thread at a time.
 */
final class ResourceUpdates implements Consumer<MetricsEvent> {

    /** Beyond this many distinct names between two drains, every known name counts as changed. */
    static final int MAX_CHANGED_NAMES = 1_000;

    private final Supplier<List<String>> knownTaskNames;
    // Set by recording threads, cleared by the draining thread.
    private final AtomicBoolean tasksChanged = new AtomicBoolean();
    private final AtomicBoolean usageChanged = new AtomicBoolean();
    private final AtomicBoolean errorsChanged = new AtomicBoolean();
    private final AtomicBoolean resetHappened = new AtomicBoolean();
    private final AtomicBoolean tooManyNames = new AtomicBoolean();
    // Added to by recording threads (about MAX_CHANGED_NAMES at most), emptied by the draining thread.
    private final Set<String> changedNames = ConcurrentHashMap.newKeySet();
    // Task names named since the last reset, whose URIs the next reset changes. Draining thread only.
    private final Set<String> namedSinceReset = new HashSet<>();

    /** {@code knownTaskNames} lists the names that have their own figures right now. */
    ResourceUpdates(Supplier<List<String>> knownTaskNames) {
        this.knownTaskNames = knownTaskNames;
    }

    @Override
    public void accept(MetricsEvent event) {
        if (event instanceof MetricsEvent.UsageRecorded) {
            usageChanged.set(true);
            return;
        }
        tasksChanged.set(true);
        if (event instanceof MetricsEvent.TaskRecorded task) {
            if (!task.task().success()) {
                errorsChanged.set(true);
            }
            if (changedNames.size() < MAX_CHANGED_NAMES) {
                changedNames.add(task.task().name());
            } else {
                tooManyNames.set(true);
            }
        } else {
            errorsChanged.set(true);
            resetHappened.set(true);
        }
    }

    /** The URIs changed since the last drain, each once; empty when nothing changed. */
    List<String> drain() {
        var uris = new ArrayList<String>();
        boolean usage = usageChanged.getAndSet(false);
        if (tasksChanged.getAndSet(false)) {
            uris.addAll(List.of(ResourceDefinitions.METRICS_URI, ResourceDefinitions.DASHBOARD_URI,
                    ResourceDefinitions.HISTORY_URI));
        } else if (usage) {
            uris.addAll(List.of(ResourceDefinitions.METRICS_URI, ResourceDefinitions.DASHBOARD_URI));
        }
        if (errorsChanged.getAndSet(false)) {
            uris.add(ResourceDefinitions.ERRORS_URI);
        }
        var names = new LinkedHashSet<String>();
        if (resetHappened.getAndSet(false)) {
            names.addAll(namedSinceReset);
            names.add(TaskNames.OVERFLOW_BUCKET);
            namedSinceReset.clear();
        }
        names.addAll(recordedNames());
        names.forEach(name -> uris.add(TaskUris.of(name)));
        return uris;
    }

    /** The names whose figures changed, as stored: a name without figures of its own counts under other. */
    private Set<String> recordedNames() {
        var recorded = new LinkedHashSet<String>();
        boolean flood = tooManyNames.getAndSet(false);
        if (changedNames.isEmpty() && !flood) {
            return recorded;
        }
        Set<String> known = new HashSet<>(knownTaskNames.get());
        if (flood) {
            recorded.addAll(known);
            recorded.add(TaskNames.OVERFLOW_BUCKET);
        }
        for (Iterator<String> changed = changedNames.iterator(); changed.hasNext(); ) {
            String name = changed.next();
            changed.remove();
            recorded.add(known.contains(name) ? name : TaskNames.OVERFLOW_BUCKET);
        }
        namedSinceReset.addAll(recorded);
        return recorded;
    }
}
