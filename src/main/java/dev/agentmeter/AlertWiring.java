package dev.agentmeter;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agentmeter.alerts.AlertEngine;
import dev.agentmeter.alerts.AlertLog;
import dev.agentmeter.alerts.WebhookNotifier;
import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.operations.AlertOperations;
import dev.agentmeter.operations.JsonCodec;

/**
 * The alert engine fed by every task, logging each transition, POSTing it to the webhook if there is one, and
 * evaluated on the timer when there are rules.
 *
 * @param engine     the engine
 * @param webhook    the webhook notifier; null without {@code --alert-webhook}
 * @param operations the engine as the MCP tools and the JSON API see it
 */
record AlertWiring(AlertEngine engine, WebhookNotifier webhook, AlertOperations operations) {

    private static final Logger log = LoggerFactory.getLogger(AlertWiring.class);
    private static final int WEBHOOK_ATTEMPTS = 5;
    private static final Duration WEBHOOK_FIRST_BACKOFF = Duration.ofMillis(500);

    /**
     * The engine with its log and webhook, not yet fed nor evaluated: built while storage starts, so that the
     * {@code get_alerts} tool exists before the figures do; {@link #start} feeds it once they do.
     */
    static AlertWiring build(Settings settings, JsonCodec json) {
        var engine = new AlertEngine(settings.alertRules(), Clock.systemUTC());
        engine.addListener(new AlertLog());
        WebhookNotifier webhook = null;
        if (settings.alertWebhook() != null) {
            webhook = new WebhookNotifier(settings.alertWebhook(), json, WEBHOOK_ATTEMPTS, WEBHOOK_FIRST_BACKOFF);
            engine.addListener(webhook);
        }
        return new AlertWiring(engine, webhook, new AlertOperations(engine));
    }

    /** The engine hears every task recorded from now on, and evaluates its rules on {@code timer}. */
    AlertWiring start(Settings settings, PerformanceMetrics metrics, ScheduledExecutorService timer) {
        metrics.addEventListener(engine::onMetricsEvent);
        if (!settings.alertRules().isEmpty()) {
            long intervalMillis = settings.alertInterval().toMillis();
            timer.scheduleWithFixedDelay(engine::evaluateOnSchedule, intervalMillis, intervalMillis,
                    TimeUnit.MILLISECONDS);
            log.info("Evaluating {} alert rule(s) every {}", settings.alertRules().size(), settings.alertInterval());
        }
        return this;
    }
}
