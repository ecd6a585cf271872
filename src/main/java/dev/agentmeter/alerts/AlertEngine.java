package dev.agentmeter.alerts;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agentmeter.metrics.MetricsEvent;
import dev.agentmeter.metrics.TaskRecord;
import dev.agentmeter.operations.AlertSource;
import dev.agentmeter.operations.AlertView;
import dev.agentmeter.operations.IsoTimestamps;

/**
 * Evaluates the alert rules: every recorded task goes into the sliding window of each rule that covers it;
 * {@link #evaluate} (called every few seconds by a scheduler, or by a test) compares each window's figure
 * with its threshold and moves the rule between inactive and firing. A firing rule resolves when its figure
 * falls back to or below the threshold, or when its window holds no task any more. Each transition goes to
 * the listeners. A reset of the metrics empties the windows, so alerts follow the figures people see.
 *
 * <p>Thread-safe: recording threads only touch the windows; {@link #evaluate} is serialised; {@link #active}
 * reads an immutable list.
 */
public final class AlertEngine implements AlertSource {

    private static final Logger log = LoggerFactory.getLogger(AlertEngine.class);

    private final List<Watched> watched;
    private final Clock clock;
    private final List<AlertListener> listeners = new CopyOnWriteArrayList<>();
    // Written by the evaluating thread, read by any.
    private volatile List<AlertView> active = List.of();

    public AlertEngine(List<AlertRule> rules, Clock clock) {
        this.watched = rules.stream().map(Watched::new).toList();
        this.clock = clock;
    }

    public void addListener(AlertListener listener) {
        listeners.add(listener);
    }

    /** Feeds the windows; give it to {@code PerformanceMetrics.addEventListener}. Constant work per rule. */
    public void onMetricsEvent(MetricsEvent event) {
        if (event instanceof MetricsEvent.TaskRecorded recorded) {
            TaskRecord task = recorded.task();
            for (Watched rule : watched) {
                if (rule.rule.covers(task.name())) {
                    rule.window.record(task.timestamp(), task.durationMicros(), task.success());
                }
            }
        } else if (event instanceof MetricsEvent.MetricsReset) {
            watched.forEach(rule -> rule.window.clear());
        }
    }

    /** Compares every rule with its window now and announces the transitions. */
    public void evaluate() {
        List<AlertTransition> transitions = new ArrayList<>();
        synchronized (this) {
            Instant now = clock.instant();
            var firing = new ArrayList<AlertView>();
            for (Watched rule : watched) {
                rule.evaluate(now).ifPresent(transitions::add);
                if (rule.firingSince != null) {
                    firing.add(rule.view());
                }
            }
            active = List.copyOf(firing);
        }
        // Outside the lock: listeners are code we do not own.
        for (AlertTransition transition : transitions) {
            for (AlertListener listener : listeners) {
                try {
                    listener.onTransition(transition);
                } catch (RuntimeException e) {
                    log.error("An alert listener failed on {} {}", transition.kind(), transition.rule().text(), e);
                }
            }
        }
    }

    /** {@link #evaluate} for a scheduler: a failure is logged and the schedule goes on. */
    public void evaluateOnSchedule() {
        try {
            evaluate();
        } catch (RuntimeException e) {
            log.error("Alert evaluation failed", e);
        }
    }

    @Override
    public List<AlertView> active() {
        return active;
    }

    public List<AlertRule> rules() {
        return watched.stream().map(rule -> rule.rule).toList();
    }

    /** One rule with its window and state. State guarded by the engine's lock. */
    private static final class Watched {
        private final AlertRule rule;
        private final SlidingWindow window;
        private Instant firingSince;
        private double lastValue;

        Watched(AlertRule rule) {
            this.rule = rule;
            this.window = new SlidingWindow(rule.window());
        }

        Optional<AlertTransition> evaluate(Instant now) {
            OptionalDouble value = window.figures(now).value(rule.metric());
            boolean breached = value.isPresent() && value.getAsDouble() > rule.threshold();
            Double shown = value.isPresent() ? value.getAsDouble() : null;
            if (breached) {
                lastValue = value.getAsDouble();
            }
            if (breached && firingSince == null) {
                firingSince = now;
                return Optional.of(new AlertTransition(rule, AlertTransition.Kind.FIRING, shown, now, now));
            }
            if (!breached && firingSince != null) {
                Instant since = firingSince;
                firingSince = null;
                return Optional.of(new AlertTransition(rule, AlertTransition.Kind.RESOLVED, shown, since,
                        now));
            }
            return Optional.empty();
        }

        AlertView view() {
            return new AlertView(rule.text(), rule.metric().wireName(), rule.task(), lastValue, rule.threshold(),
                    rule.metric().unit(), rule.window().toSeconds(), IsoTimestamps.format(firingSince));
        }
    }
}
