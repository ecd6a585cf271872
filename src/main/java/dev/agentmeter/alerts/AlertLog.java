package dev.agentmeter.alerts;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes each transition to the log: a warning when an alert fires, information when it resolves. Stateless. */
public final class AlertLog implements AlertListener {

    private static final Logger log = LoggerFactory.getLogger(AlertLog.class);

    @Override
    public void onTransition(AlertTransition transition) {
        AlertRule rule = transition.rule();
        if (transition.kind() == AlertTransition.Kind.FIRING) {
            log.warn("Alert firing: {} (value {} {}, threshold {} {})", rule.text(), rounded(transition.value()),
                    rule.metric().unit(), rounded(rule.threshold()), rule.metric().unit());
        } else {
            String value = transition.value() == null ? "no task left in the window"
                    : "value " + rounded(transition.value()) + " " + rule.metric().unit();
            log.info("Alert resolved: {} ({}, firing since {})", rule.text(), value, transition.since());
        }
    }

    private static String rounded(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
